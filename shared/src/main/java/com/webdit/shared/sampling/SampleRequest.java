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
  public static final int MAX_STEPS = 1000;

  public SampleRequest {
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps must be in [1, " + MAX_STEPS + "], got " + steps);
    }
    if (!(cfgScale >= 0f && cfgScale <= 20f)) {
      throw new IllegalArgumentException("cfg scale must be in [0, 20], got " + cfgScale);
    }
    if (sampler == null) {
      throw new IllegalArgumentException("sampler is required");
    }
    if (guidance == null) {
      throw new IllegalArgumentException("guidance interval is required");
    }
  }
}
