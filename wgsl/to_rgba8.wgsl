// Model space -> display pixels (shared/.../sampling/Pixels.java): clamp premultiplied RGBA in
// [-1, 1] to [0, 1], un-premultiply colour by alpha, round to 8 bits, pack RGBA into one u32
// (R in the low byte, as canvas ImageData expects). Frame f of image b lands at
// frames[(f * images + b) * S * S + pixel], so a whole generation's frames are read back at once.

override WORKGROUP_SIZE: u32 = 64u;

// struct Params (images, size) and struct Step (the sampling step's scalars, read for its frame
// index): declared in ToRgba8Kernel.java and FinalStepKernel.java, prepended at compile time.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<uniform> cur: Step;
@group(0) @binding(2) var<storage, read> src: array<f32>;   // (images, 4, S, S)
@group(0) @binding(3) var<storage, read_write> frames: array<u32>;

fn byte(v: f32) -> u32 {
  return u32(round(clamp(v, 0.0, 1.0) * 255.0));
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let plane = params.size * params.size;
  let i = gid.x;
  if (i >= plane * params.images) {
    return;
  }
  let image = i / plane;
  let p = i % plane;
  let base = image * 4u * plane + p;
  let a = clamp((src[base + 3u * plane] + 1.0) * 0.5, 0.0, 1.0);
  var rgb = vec3<f32>(0.0);
  if (a > 0.0) {
    for (var c = 0u; c < 3u; c++) {
      rgb[c] = min(1.0, clamp((src[base + c * plane] + 1.0) * 0.5, 0.0, 1.0) / a);
    }
  }
  frames[(cur.frame * params.images + image) * plane + p] =
      byte(rgb.x) | (byte(rgb.y) << 8u) | (byte(rgb.z) << 16u) | (byte(a) << 24u);
}
