package com.webdit.shared.sampling;

/**
 * Everything that determines one generated image: the same request gives the same image on
 * every path (PyTorch, Java CPU reference, WGSL engine).
 *
 * @param seed RNG key (as an unsigned 32-bit value)
 * @param label category in [0, num_classes), or the null label for unconditional samples
 * @param cfgScale classifier-free guidance w: v = v_uncond + w (v_cond - v_uncond); 1 = no guidance
 * @param guidance the noise levels where guidance applies; the conditional model alone elsewhere
 */
public record SampleRequest(int seed, int label, SamplerKind sampler, int steps, float cfgScale,
    GuidanceInterval guidance) {
  /*
   * The model-level bounds: what every sampling path (server, engine, benchmarks, docs tools)
   * accepts. They only catch a mistaken argument; the product's narrower limits
   * (product/Limits: what the server, demo and embed let a visitor ask for) lie inside them.
   */
  public static final int MIN_STEPS = 1;
  public static final int MAX_STEPS = 1000;
  public static final float MIN_CFG = 0f;
  public static final float MAX_CFG = 20f;

  public SampleRequest {
    if (steps < MIN_STEPS || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps must be in [" + MIN_STEPS + ", " + MAX_STEPS + "], got " + steps);
    }
    if (!(cfgScale >= MIN_CFG && cfgScale <= MAX_CFG)) {
      throw new IllegalArgumentException("cfg scale must be in [" + (int) MIN_CFG + ", " + (int) MAX_CFG + "], got "
          + cfgScale);
    }
    if (sampler == null) {
      throw new IllegalArgumentException("sampler is required");
    }
    if (guidance == null) {
      throw new IllegalArgumentException("guidance interval is required");
    }
  }
}
