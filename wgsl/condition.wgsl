// The conditioning vector of every (step, batch entry), already through the SiLU that every adaLN
// layer applies first:  silu_c[s, b, d] = SiLU(temb[s, d] + table[labels[b], d])
// temb holds the TimestepEmbedder output of each of the generation's steps (the engine computes
// every step's conditioning before the sampling loop, since it does not depend on the image);
// table is the LabelEmbedder's (num_classes + 1, D) table, fp16 packed two per u32.

override WORKGROUP_SIZE: u32 = 64u;

// struct Params (dim, batch, steps): declared in ConditionKernel.java, prepended at compile time.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> temb: array<f32>;
@group(0) @binding(2) var<storage, read> table: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> silu_c: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.dim * params.batch * params.steps) {
    return;
  }
  let d = i % params.dim;
  let b = (i / params.dim) % params.batch;
  let s = i / (params.dim * params.batch);
  let index = labels[b] * params.dim + d;
  let c = temb[s * params.dim + d] + unpack2x16float(table[index >> 1u])[index & 1u];
  silu_c[i] = c / (1.0 + exp(-c));
}
