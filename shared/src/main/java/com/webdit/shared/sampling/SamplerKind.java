package com.webdit.shared.sampling;

/** The samplers docs/MODEL.md defines; wire names are lower case ("ddpm", "ddim", "dpmpp2m"). */
public enum SamplerKind {
  /** Ancestral DDPM: the posterior q(x_t | x_s, x0_hat) with fresh noise each step. */
  DDPM("ddpm"),
  /** DDIM with eta = 0: deterministic given the initial noise. */
  DDIM("ddim"),
  /** DPM-Solver++(2M): second-order multistep in log-SNR, data prediction. */
  DPMPP_2M("dpmpp2m");

  public final String wireName;

  SamplerKind(String wireName) {
    this.wireName = wireName;
  }

  public static SamplerKind named(String name) {
    for (SamplerKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown sampler \"" + name + "\" (known: ddpm, ddim, dpmpp2m)");
  }
}
