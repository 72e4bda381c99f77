// Standard normal noise for a batch of images: out[b * count + i] = gaussian(seeds[b], stream, i),
// the same numbers as shared/.../rng/Gaussian.java (docs/MODEL.md, "Random numbers").
// One invocation computes one Philox block, i.e. four consecutive values of one image.

//! include philox

override WORKGROUP_SIZE: u32 = 64u;

// struct Params (stream, count per image, images): declared in GaussianNoiseKernel.java, prepended at compile time.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> seeds: array<u32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let block = gid.x;
  let image = gid.y;
  let base = block * 4u;
  if (base >= params.count || image >= params.images) {
    return;
  }
  let z = box_muller(philox4x32_10(vec4<u32>(block, params.stream, 0u, 0u), vec2<u32>(seeds[image], 0u)));
  for (var j = 0u; j < 4u; j++) {
    if (base + j < params.count) {
      out[image * params.count + base + j] = z[j];
    }
  }
}
