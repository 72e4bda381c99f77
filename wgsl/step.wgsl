// Library (no entry point): the sampler's per-step uniform, written once per step from
// shared/.../sampling/StepCoefficients.java (docs/ENGINE.md):
//   x0 = clip(alpha_s x - sigma_s v, -1, 1);  x' = c_x0 x0 + c_x x + c_prev x0_prev + c_z z
struct Step {
  alpha_s: f32,
  sigma_s: f32,
  c_x0: f32,
  c_x: f32,
  c_prev: f32,
  c_z: f32,
  stream: u32,  // Philox stream of this step's DDPM noise
  frame: u32,   // index of this step's display frame
}
