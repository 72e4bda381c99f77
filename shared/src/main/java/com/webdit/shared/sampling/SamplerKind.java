package com.webdit.shared.sampling;

/**
 * The samplers docs/MODEL.md defines; wire names are lower case ("ddpm", "ddim", "dpmpp2m"),
 * display names are what the demo's menu shows.
 */
public enum SamplerKind {
  /** Ancestral DDPM: the posterior q(x_t | x_s, x0_hat) with fresh noise each step. */
  DDPM("ddpm", "DDPM"),
  /** DDIM with eta = 0: deterministic given the initial noise. */
  DDIM("ddim", "DDIM"),
  /** DPM-Solver++(2M): second-order multistep in log-SNR, data prediction. */
  DPMPP_2M("dpmpp2m", "DPM-Solver++(2M)");

  public final String wireName;
  public final String displayName;

  SamplerKind(String wireName, String displayName) {
    this.wireName = wireName;
    this.displayName = displayName;
  }

  public static SamplerKind named(String name) {
    StringBuilder known = new StringBuilder();
    for (SamplerKind k : values()) {
      if (k.wireName.equals(name)) {
        return k;
      }
      known.append(known.length() == 0 ? "" : ", ").append(k.wireName);
    }
    throw new IllegalArgumentException("unknown sampler \"" + name + "\" (known: " + known + ")");
  }
}
