// Library (no entry point): Philox4x32-10 and the Gaussian numbers of docs/MODEL.md, bit-for-bit
// the stream of shared/.../rng/Gaussian.java and training/rng.py. Kernels pull it in with a
// line `//! include philox`, which the client's KernelSource expands.
//
// ln and cos are explicit polynomials rather than builtins: WGSL only promises cos to 2^-11
// absolute error, and the same seed must give the same favicon on every GPU.

// 32x32 -> 64-bit product as (hi, lo) from 16-bit halves; WGSL has no 64-bit integers.
fn mul_hi_lo(a: u32, b: u32) -> vec2<u32> {
  let a_lo = a & 0xffffu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xffffu;
  let b_hi = b >> 16u;
  let ll = a_lo * b_lo;
  let lh = a_lo * b_hi;
  let hl = a_hi * b_lo;
  let hh = a_hi * b_hi;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2<u32>(hi, a * b);
}

fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < 10u; round++) {
    if (round > 0u) {
      k = k + vec2<u32>(0x9E3779B9u, 0xBB67AE85u);
    }
    let p0 = mul_hi_lo(0xD2511F53u, c.x);
    let p1 = mul_hi_lo(0xCD9E8D57u, c.z);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
  }
  return c;
}

// (2m + 1) / 2^24 for the top 23 bits m: exact in f32, never 0 or 1.
fn unit_uniform(word: u32) -> f32 {
  return (f32(word >> 9u) + 0.5) * (1.0 / 8388608.0);
}

// ln(u) for u in (0, 1): u = m * 2^e with m in [0.5, 1); ln(m) = 2 atanh(s), s = (m - 1) / (m + 1),
// |s| <= 1/3, so the odd series to s^15 is accurate to ~1e-9 (and keeps relative accuracy near 1).
fn ln_unit(u: f32) -> f32 {
  let parts = frexp(u);
  let x = parts.fract - 1.0;  // exact
  let s = x / (2.0 + x);
  let s2 = s * s;
  let series = s * (2.0 + s2 * (2.0 / 3.0 + s2 * (2.0 / 5.0 + s2 * (2.0 / 7.0 + s2 * (2.0 / 9.0
      + s2 * (2.0 / 11.0 + s2 * (2.0 / 13.0 + s2 * (2.0 / 15.0))))))));
  return f32(parts.exp) * 0.6931471805599453 + series;
}

// cos(2 pi u) for u in [-1, 1]: reduce to b in [0, 1/4] exactly, then a Taylor polynomial to x^14
// on [0, pi/2] (truncation error < 1e-10).
fn cos_2pi(u: f32) -> f32 {
  let a = abs(u - round(u));  // [0, 0.5], exact
  let flip = a > 0.25;
  let b = select(a, 0.5 - a, flip);
  let x = 6.283185307179586 * b;
  let x2 = x * x;
  let c = 1.0 + x2 * (-1.0 / 2.0 + x2 * (1.0 / 24.0 + x2 * (-1.0 / 720.0 + x2 * (1.0 / 40320.0
      + x2 * (-1.0 / 3628800.0 + x2 * (1.0 / 479001600.0 + x2 * (-1.0 / 87178291200.0)))))));
  return select(c, -c, flip);
}

// The four Gaussians of one Philox block: (r, cos), (r, sin) of the pairs (u0, u1), (u2, u3).
fn box_muller(r: vec4<u32>) -> vec4<f32> {
  let u1 = unit_uniform(r.y);
  let u3 = unit_uniform(r.w);
  let rad0 = sqrt(-2.0 * ln_unit(unit_uniform(r.x)));
  let rad1 = sqrt(-2.0 * ln_unit(unit_uniform(r.z)));
  // sin(2 pi u) = cos(2 pi (u - 1/4)); u - 1/4 is exact for these u.
  return vec4<f32>(rad0 * cos_2pi(u1), rad0 * cos_2pi(u1 - 0.25), rad1 * cos_2pi(u3), rad1 * cos_2pi(u3 - 0.25));
}

// gaussian(seed, stream, index), one value (computes its whole block: cheap next to a DiT step).
fn gaussian_at(seed: u32, stream: u32, index: u32) -> f32 {
  let z = box_muller(philox4x32_10(vec4<u32>(index >> 2u, stream, 0u, 0u), vec2<u32>(seed, 0u)));
  return z[index & 3u];
}
