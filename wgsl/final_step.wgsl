// The end of one sampling step, per pixel value of every image (docs/MODEL.md, "Sampling"):
//   1. unpatchify the FinalLayer tokens and add final_conv (residual 3x3, zero padding) -> v
//   2. on a guided step, classifier-free guidance:  v = v_u + w (v_c - v_u), where image i's cond
//      tokens are row-block i and its uncond tokens row-block images + i
//   3. x0 = clip(alpha_s x - sigma_s v, -1, 1)
//   4. x = c_x0 * x0 + c_x * x + c_prev * x0_prev + c_z * gaussian(seed, stream, i)
// The c_* coefficients, computed in double on the CPU per step, express DDIM, DDPM and
// DPM-Solver++(2M) alike. x0 is stored for the next step (DPM-Solver++) and for display.

//! include philox

override WORKGROUP_SIZE: u32 = 64u;
override FINAL_CONV: bool = true;

// struct Gen (fixed for one generation) and struct Step (this step's scalars): declared in
// FinalStepKernel.java, prepended at compile time.

@group(0) @binding(0) var<uniform> gen: Gen;
@group(0) @binding(1) var<uniform> cur: Step;
@group(0) @binding(2) var<storage, read> tokens: array<f32>;     // (rows * T, p*p*C)
@group(0) @binding(3) var<storage, read> conv: array<f32>;       // C*C*9 weights, then C biases
@group(0) @binding(4) var<storage, read> seeds: array<u32>;
@group(0) @binding(5) var<storage, read> x0_prev: array<f32>;
@group(0) @binding(6) var<storage, read_write> x: array<f32>;
@group(0) @binding(7) var<storage, read_write> x0_out: array<f32>;

// Unpatchified value (c, py, px) of token row-block `row`; 0 outside the image (conv padding).
fn u(row: u32, c: u32, py: i32, px: i32) -> f32 {
  let s = i32(gen.size);
  if (py < 0 || px < 0 || py >= s || px >= s) {
    return 0.0;
  }
  let p = gen.patch_size;
  let g = gen.size / p;
  let y = u32(py);
  let xx = u32(px);
  let t = (y / p) * g + xx / p;
  let pd = p * p * gen.channels;
  let j = ((y % p) * p + xx % p) * gen.channels + c;
  return tokens[(row * g * g + t) * pd + j];
}

fn velocity(row: u32, c: u32, py: i32, px: i32) -> f32 {
  var v = u(row, c, py, px);
  if (FINAL_CONV) {
    let C = gen.channels;
    var acc = conv[C * C * 9u + c];
    for (var ci = 0u; ci < C; ci++) {
      for (var ky = 0; ky < 3; ky++) {
        for (var kx = 0; kx < 3; kx++) {
          acc += conv[((c * C + ci) * 3u + u32(ky)) * 3u + u32(kx)] * u(row, ci, py + ky - 1, px + kx - 1);
        }
      }
    }
    v += acc;
  }
  return v;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let per_image = gen.channels * gen.size * gen.size;
  let i = gid.x;
  if (i >= per_image * gen.images) {
    return;
  }
  let image = i / per_image;
  let local = i % per_image;
  let c = local / (gen.size * gen.size);
  let py = i32((local / gen.size) % gen.size);
  let px = i32(local % gen.size);
  var v: f32;
  if (gen.guided == 1u) {
    let v_c = velocity(image, c, py, px);
    let v_u = velocity(gen.images + image, c, py, px);
    v = v_u + gen.cfg_scale * (v_c - v_u);
  } else {
    v = velocity(image, c, py, px);
  }
  let xs = x[i];
  let x0 = clamp(cur.alpha_s * xs - cur.sigma_s * v, -1.0, 1.0);
  var next = cur.c_x0 * x0 + cur.c_x * xs + cur.c_prev * x0_prev[i];
  if (cur.c_z != 0.0) {
    next += cur.c_z * gaussian_at(seeds[image], cur.stream, local);
  }
  x[i] = next;
  x0_out[i] = x0;
}
