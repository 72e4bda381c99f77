// The conditioning vector of every batch entry, already through the SiLU that every adaLN layer
// applies first:  silu_c[b, d] = SiLU(temb[d] + table[labels[b], d])
// temb is the TimestepEmbedder output for the current step (shared by the batch); table is the
// LabelEmbedder's (num_classes + 1, D) table, fp16 packed two per u32.

override WORKGROUP_SIZE: u32 = 64u;

struct Params {
  dim: u32,
  batch: u32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> temb: array<f32>;
@group(0) @binding(2) var<storage, read> table: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> silu_c: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= params.dim * params.batch) {
    return;
  }
  let b = i / params.dim;
  let d = i % params.dim;
  let index = labels[b] * params.dim + d;
  let c = temb[d] + unpack2x16float(table[index >> 1u])[index & 1u];
  silu_c[i] = c / (1.0 + exp(-c));
}
