// Multi-head self-attention core, fused: scores, softmax and the weighted sum of values in one
// kernel, never writing the T x T score matrix. One workgroup per (head, batch entry).
//   qkv: (B * T, 3 * D) rows laid out [q | k | v], each split into heads of HEAD_DIM
//   out: (B * T, D), out[b*T + i, h*hd + j] = sum_t softmax_t(q_i . k_t / sqrt(hd)) v_t[j]
// Keys and values stream through workgroup memory KEY_CHUNK at a time with an online softmax
// (running max and sum), so any token count works and 64 tokens need no second pass.

// MAX_HEAD_DIM (the size of the private q/acc arrays, which must be a constant) and KEY_CHUNK come
// from AttentionKernel.java's preamble: Java checks head dims and workgroup memory against them.
override WORKGROUP_SIZE: u32 = 64u;
override HEAD_DIM: u32 = 32u;

// struct Params (tokens, heads, dim): declared in AttentionKernel.java and prepended with the constants.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> qkv: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

var<workgroup> k_tile: array<f32, KEY_CHUNK * HEAD_DIM>;
var<workgroup> v_tile: array<f32, KEY_CHUNK * HEAD_DIM>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let T = params.tokens;
  let D = params.dim;
  let head = wg.x;
  let batch = wg.y;
  let stride = 3u * D;
  let row0 = batch * T;
  let scale = inverseSqrt(f32(HEAD_DIM));

  for (var q0 = 0u; q0 < T; q0 += WORKGROUP_SIZE) {
    let i = q0 + li;
    let has_query = i < T;
    var q: array<f32, MAX_HEAD_DIM>;
    var acc: array<f32, MAX_HEAD_DIM>;
    if (has_query) {
      for (var d = 0u; d < HEAD_DIM; d++) {
        q[d] = qkv[(row0 + i) * stride + head * HEAD_DIM + d] * scale;
      }
    }
    var running_max = -3.0e38;
    var running_sum = 0.0;
    for (var c0 = 0u; c0 < T; c0 += KEY_CHUNK) {
      workgroupBarrier();
      for (var e = li; e < KEY_CHUNK * HEAD_DIM; e += WORKGROUP_SIZE) {
        let t = c0 + e / HEAD_DIM;
        let d = e % HEAD_DIM;
        var kv = vec2<f32>(0.0, 0.0);
        if (t < T) {
          let base = (row0 + t) * stride + head * HEAD_DIM + d;
          kv = vec2<f32>(qkv[base + D], qkv[base + 2u * D]);
        }
        k_tile[e] = kv.x;
        v_tile[e] = kv.y;
      }
      workgroupBarrier();
      if (has_query) {
        var s: array<f32, KEY_CHUNK>;
        var chunk_max = running_max;
        for (var j = 0u; j < KEY_CHUNK; j++) {
          var dot = 0.0;
          for (var d = 0u; d < HEAD_DIM; d++) {
            dot += q[d] * k_tile[j * HEAD_DIM + d];
          }
          s[j] = select(-3.0e38, dot, c0 + j < T);
          chunk_max = max(chunk_max, s[j]);
        }
        let correction = exp(running_max - chunk_max);
        running_sum *= correction;
        for (var d = 0u; d < HEAD_DIM; d++) {
          acc[d] *= correction;
        }
        for (var j = 0u; j < KEY_CHUNK; j++) {
          let p = select(0.0, exp(s[j] - chunk_max), c0 + j < T);
          running_sum += p;
          for (var d = 0u; d < HEAD_DIM; d++) {
            acc[d] += p * v_tile[j * HEAD_DIM + d];
          }
        }
        running_max = chunk_max;
      }
    }
    if (has_query) {
      for (var d = 0u; d < HEAD_DIM; d++) {
        out[(row0 + i) * D + head * HEAD_DIM + d] = acc[d] / running_sum;
      }
    }
  }
}
