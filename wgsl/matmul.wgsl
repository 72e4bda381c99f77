// out[m, n] = epilogue(sum_k prologue(a)[m, k] * w[n, k] + bias[n])
//
// The DiT's one matmul, with the passes around it fused in so a block takes 5 dispatches:
// Variants (the PROLOGUE_* / EPILOGUE_* / WEIGHT_* constants are generated from MatmulKernel.java's
// enums and prepended at compile time):
//   PROLOGUE_NONE: a as is
//   PROLOGUE_LAYER_NORM_MODULATE: LayerNorm over k (no affine, eps 1e-6) then adaLN modulate:
//               (a - mean) * rstd * (1 + scale[b, k]) + shift[b, k],  b = m / rows_per_batch
//   PROLOGUE_PATCHIFY: patchify: a is a batch of (C, S, S) images, row m = b * T + (pr * G + pc), column
//               k = c * p * p + dy * p + dx (Conv2d weight order), T = rows_per_batch = G * G;
//               batch entry b reads image b % images (a guided batch holds every image's cond entry,
//               then every image's uncond entry: the first `images` entries alone are a cond-only batch)
//   PROLOGUE_CONCAT: row m is [a[m, :] | modv[m, :]], each K/2 wide (a long skip's Linear(2D -> D)
//               on the residual stream and an earlier block's output, without writing the concatenation)
//   EPILOGUE_BIAS: + bias    EPILOGUE_GELU: GELU(tanh form)(+ bias)    EPILOGUE_SILU: SiLU(+ bias)
//   EPILOGUE_GATED_RESIDUAL: out[m, n] += gate[b, n] * (acc + bias)   (out is the residual stream)
//   EPILOGUE_POSITIONAL: + bias + modv[(m % rows_per_batch) * N + n]   (the fixed positional embedding)
// Weights are (N, K) row-major as torch.nn.Linear stores them, packed in u32:
//   WEIGHT_F16: two fp16 per word (unpack2x16float; needs no shader-f16), K even
//   WEIGHT_I8: four int8 per word, times scales[n] (per output channel), K % 4 == 0
//   WEIGHT_I4: eight int4 per word (element 8i in the lowest nibble, two's complement in [-8, 7]),
//              times scales[(n * K + k) / group_size]: one scale per group_size consecutive k of a
//              row (K % group_size == 0, so a group never spans rows)
// Tiles: a workgroup computes TILE_M x TILE_N outputs, each invocation a 2 x 2 block of them.

override TILE_M: u32 = 32u;
override TILE_N: u32 = 32u;
override TILE_K: u32 = 16u;
override WEIGHT_FORMAT: u32;  // one of WEIGHT_*, set by MatmulKernel.java
override PROLOGUE: u32;       // one of PROLOGUE_*
override EPILOGUE: u32;       // one of EPILOGUE_*

const LN_EPS: f32 = 1e-6;

// struct Params (M, N, K, the adaLN layout, the patchify geometry, the int4 group size): declared
// in MatmulKernel.java, prepended at compile time with the variant constants.

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> scales: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;
@group(0) @binding(5) var<storage, read> modv: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

var<workgroup> tile_a: array<f32, TILE_M * TILE_K>;
var<workgroup> tile_w: array<f32, TILE_N * TILE_K>;
var<workgroup> row_mean: array<f32, TILE_M>;
var<workgroup> row_rstd: array<f32, TILE_M>;

fn weight(n: u32, k: u32) -> f32 {
  let index = n * params.K + k;
  if (WEIGHT_FORMAT == WEIGHT_I8) {
    // unpack4x8snorm gives q / 127; scales[n] is the per-row step.
    return unpack4x8snorm(w[index >> 2u])[index & 3u] * 127.0 * scales[n];
  }
  if (WEIGHT_FORMAT == WEIGHT_I4) {
    // extractBits on an i32 sign-extends the nibble: exactly the stored integer.
    let q = extractBits(bitcast<i32>(w[index >> 3u]), 4u * (index & 7u), 4u);
    return f32(q) * scales[index / params.group_size];
  }
  return unpack2x16float(w[index >> 1u])[index & 1u];
}

// Where element (m, k) of the patch matrix lives in the (B, C, S, S) image batch.
fn patch_index(m: u32, k: u32) -> u32 {
  let p = params.patch_size;
  let g = params.grid;
  let s = p * g;
  let b = (m / params.rows_per_batch) % params.images;
  let t = m % params.rows_per_batch;
  let c = k / (p * p);
  let y = (t / g) * p + (k / p) % p;
  let x = (t % g) * p + k % p;
  return ((b * (params.K / (p * p)) + c) * s + y) * s + x;
}

// tanh(y) = 1 - 2 / (exp(2y) + 1): finite for every y, unlike sinh/cosh on some GPUs.
fn gelu(x: f32) -> f32 {
  let y = 0.7978845608028654 * (x + 0.044715 * x * x * x);
  return 0.5 * x * (2.0 - 2.0 / (exp(2.0 * y) + 1.0));
}

fn silu(x: f32) -> f32 {
  return x / (1.0 + exp(-x));
}

@compute @workgroup_size(TILE_N / 2u, TILE_M / 2u)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
  let M = params.M;
  let N = params.N;
  let K = params.K;
  let m0 = wg.y * TILE_M;
  let n0 = wg.x * TILE_N;
  let threads = (TILE_N / 2u) * (TILE_M / 2u);

  if (PROLOGUE == PROLOGUE_LAYER_NORM_MODULATE) {
    // Row statistics for this tile's rows (two passes: exact, and K is only the hidden size).
    for (var r = li; r < TILE_M; r += threads) {
      let m = m0 + r;
      var mean = 0.0;
      var rstd = 0.0;
      if (m < M) {
        for (var k = 0u; k < K; k++) {
          mean += a[m * K + k];
        }
        mean /= f32(K);
        var var_sum = 0.0;
        for (var k = 0u; k < K; k++) {
          let d = a[m * K + k] - mean;
          var_sum += d * d;
        }
        rstd = inverseSqrt(var_sum / f32(K) + LN_EPS);
      }
      row_mean[r] = mean;
      row_rstd[r] = rstd;
    }
    workgroupBarrier();
  }

  var acc: array<array<f32, 2>, 2>;
  for (var k0 = 0u; k0 < K; k0 += TILE_K) {
    for (var i = li; i < TILE_M * TILE_K; i += threads) {
      let r = i / TILE_K;
      let kk = i % TILE_K;
      let m = m0 + r;
      let k = k0 + kk;
      var v = 0.0;
      if (m < M && k < K) {
        if (PROLOGUE == PROLOGUE_PATCHIFY) {
          v = a[patch_index(m, k)];
        } else if (PROLOGUE == PROLOGUE_CONCAT) {
          let half = K / 2u;
          if (k < half) {
            v = a[m * half + k];
          } else {
            v = modv[m * half + k - half];
          }
        } else {
          v = a[m * K + k];
        }
        if (PROLOGUE == PROLOGUE_LAYER_NORM_MODULATE) {
          let base = (m / params.rows_per_batch) * params.mod_stride;
          v = (v - row_mean[r]) * row_rstd[r] * (1.0 + modv[base + params.scale_offset + k])
              + modv[base + params.shift_offset + k];
        }
      }
      tile_a[i] = v;
    }
    for (var i = li; i < TILE_N * TILE_K; i += threads) {
      let c = i / TILE_K;
      let kk = i % TILE_K;
      let n = n0 + c;
      let k = k0 + kk;
      tile_w[i] = select(0.0, weight(n, k), n < N && k < K);
    }
    workgroupBarrier();
    for (var kk = 0u; kk < TILE_K; kk++) {
      // Rows lid.y and lid.y + TILE_M/2, columns lid.x and lid.x + TILE_N/2.
      let a0 = tile_a[lid.y * TILE_K + kk];
      let a1 = tile_a[(lid.y + TILE_M / 2u) * TILE_K + kk];
      let w0 = tile_w[lid.x * TILE_K + kk];
      let w1 = tile_w[(lid.x + TILE_N / 2u) * TILE_K + kk];
      acc[0][0] += a0 * w0;
      acc[0][1] += a0 * w1;
      acc[1][0] += a1 * w0;
      acc[1][1] += a1 * w1;
    }
    workgroupBarrier();
  }

  for (var i = 0u; i < 2u; i++) {
    for (var j = 0u; j < 2u; j++) {
      let m = m0 + lid.y + i * (TILE_M / 2u);
      let n = n0 + lid.x + j * (TILE_N / 2u);
      if (m < M && n < N) {
        var v = acc[i][j] + bias[n];
        if (EPILOGUE == EPILOGUE_GELU) {
          v = gelu(v);
        } else if (EPILOGUE == EPILOGUE_SILU) {
          v = silu(v);
        } else if (EPILOGUE == EPILOGUE_POSITIONAL) {
          v += modv[(m % params.rows_per_batch) * N + n];
        }
        if (EPILOGUE == EPILOGUE_GATED_RESIDUAL) {
          let base = (m / params.rows_per_batch) * params.mod_stride;
          out[m * N + n] = out[m * N + n] + modv[base + params.gate_offset + n] * v;
        } else {
          out[m * N + n] = v;
        }
      }
    }
  }
}
