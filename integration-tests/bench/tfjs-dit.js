// The WebDiT model (docs/MODEL.md) written with TensorFlow.js ops, built from a WebDiT safetensors
// file: the TF.js anchor of ./bench. Bench asset only; the product never loads it.
'use strict';

/** Parses a safetensors file: {meta, tensors: name -> {shape, data: Float32Array}} (F32, F16; I8 times its row scale). */
function parseSafetensors(buf) {
  const view = new DataView(buf);
  const n = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, n)));
  const meta = header.__metadata__ || {};
  delete header.__metadata__;
  const base = 8 + n;
  const tensors = {};
  const f16 = h => {
    const s = h >> 15, e = (h >> 10) & 31, m = h & 1023;
    const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
    return s ? -v : v;
  };
  for (const [name, h] of Object.entries(header)) {
    const [b, e] = h.data_offsets;
    const count = h.shape.reduce((a, x) => a * x, 1);
    const data = new Float32Array(count);
    if (h.dtype === 'F32') {
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(base + b + 4 * i, true);
    } else if (h.dtype === 'F16') {
      for (let i = 0; i < count; i++) data[i] = f16(view.getUint16(base + b + 2 * i, true));
    } else if (h.dtype === 'I8') {
      for (let i = 0; i < count; i++) data[i] = view.getInt8(base + b + i);
    } else {
      throw new Error(name + ': unhandled dtype ' + h.dtype);
    }
    tensors[name] = {shape: h.shape, data};
  }
  for (const name of Object.keys(tensors)) {
    const scale = tensors[name + '.scale'];
    if (scale) {
      const t = tensors[name];
      const per = t.data.length / t.shape[0];
      for (let i = 0; i < t.data.length; i++) t.data[i] *= scale.data[Math.floor(i / per)];
    }
  }
  return {meta, tensors};
}

/** 2-D sin-cos positions (T, D), as Embeddings.position2d: computed in double, rounded to float32 by the tensor. */
function position2d(dim, grid) {
  const out = new Float32Array(grid * grid * dim);
  const half = dim / 2, quarter = half / 2;
  const sincos = (off, pos) => {
    for (let i = 0; i < quarter; i++) {
      const omega = Math.pow(10000, -i / quarter);
      out[off + i] = Math.sin(pos * omega);
      out[off + quarter + i] = Math.cos(pos * omega);
    }
  };
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      const t = r * grid + c;
      sincos(t * dim, c);
      sincos(t * dim + half, r);
    }
  }
  return out;
}

/** Sinusoidal timestep features (B, F), as Embeddings.timestep. */
function timestepFeatures(ts, freqDim) {
  const half = freqDim / 2;
  const out = new Float32Array(ts.length * freqDim);
  ts.forEach((t, b) => {
    const tf32 = Math.fround(t);
    for (let i = 0; i < half; i++) {
      const arg = 1000.0 * tf32 * Math.exp(-Math.log(10000.0) * i / half);
      out[b * freqDim + i] = Math.cos(arg);
      out[b * freqDim + half + i] = Math.sin(arg);
    }
  });
  return out;
}

class TfjsDiT {
  constructor(tf, buffer) {
    const {meta, tensors} = parseSafetensors(buffer);
    this.tf = tf;
    const c = this.c = JSON.parse(meta.config);
    this.D = c.hidden_size;
    this.p = c.patch_size;
    this.G = c.image_size / c.patch_size;
    this.T = this.G * this.G;
    this.P = c.channels * c.patch_size * c.patch_size;
    this.H = c.num_heads;
    this.hd = this.D / this.H;
    const get = name => {
      const t = tensors[name];
      if (!t) throw new Error('missing tensor ' + name);
      return t;
    };
    // Linear weights (out, in) kept transposed (in, out) so every product is x.matMul(w).
    const linear = prefix => {
      const w = get(prefix + '.weight');
      const out = w.shape[0], inn = w.data.length / out;
      return {w: tf.tensor2d(w.data, [out, inn]).transpose(), b: tf.tensor1d(get(prefix + '.bias').data)};
    };
    this.x = linear('x_embedder.proj');
    this.pos = tf.tensor2d(position2d(this.D, this.G), [this.T, this.D]);
    this.t0 = linear('t_embedder.mlp.0');
    this.t2 = linear('t_embedder.mlp.2');
    const table = get('y_embedder.embedding_table.weight');
    this.table = tf.tensor2d(table.data, table.shape);
    this.blocks = [];
    for (let l = 0; l < c.depth; l++) {
      const b = 'blocks.' + l + '.';
      // A long skip (docs/MODEL.md) always comes from block depth-1-l; the file says which blocks have one.
      const skip = tensors[b + 'skip_linear.weight'] ? {linear: linear(b + 'skip_linear'), source: c.depth - 1 - l} : null;
      this.blocks.push({ada: linear(b + 'adaLN_modulation.1'), qkv: linear(b + 'attn.qkv'),
        proj: linear(b + 'attn.proj'), fc1: linear(b + 'mlp.fc1'), fc2: linear(b + 'mlp.fc2'), skip});
    }
    this.fada = linear('final_layer.adaLN_modulation.1');
    this.flin = linear('final_layer.linear');
    if (c.final_conv) {
      const w = get('final_conv.weight');
      // (Cout, Cin, 3, 3) -> (3, 3, Cin, Cout) for tf.conv2d on NHWC.
      this.conv = {w: tf.tensor4d(w.data, w.shape).transpose([2, 3, 1, 0]), b: tf.tensor1d(get('final_conv.bias').data)};
    }
  }

  /** v = DiT(x, t, y) for a batch: x a (B, C, H, W) tensor, t and y arrays of B numbers. Returns (B, C, H, W). */
  forward(x, ts, ys) {
    const tf = this.tf;
    const {D, p, G, T, P, H, hd} = this;
    const B = ts.length;
    const C = this.c.channels, S = this.c.image_size;
    const lin = (a, l) => a.matMul(l.w).add(l.b);
    const silu = a => a.mul(tf.sigmoid(a));
    const ln = h => {
      const {mean, variance} = tf.moments(h, -1, true);
      return h.sub(mean).mul(tf.rsqrt(variance.add(1e-6)));
    };
    const modulate = (h, shift, scale) => h.mul(scale.add(1)).add(shift);
    const gelu = a => a.mul(0.5).mul(tf.tanh(a.add(a.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1));
    return tf.tidy(() => {
      const patches = x.reshape([B, C, G, p, G, p]).transpose([0, 2, 4, 1, 3, 5]).reshape([B * T, P]);
      let h = lin(patches, this.x).reshape([B, T, D]).add(this.pos);
      const freq = tf.tensor2d(timestepFeatures(ts, this.c.freq_dim), [B, this.c.freq_dim]);
      const temb = lin(silu(lin(freq, this.t0)), this.t2);
      const cond = silu(temb.add(tf.gather(this.table, tf.tensor1d(ys, 'int32'))));   // (B, D)
      const outputs = [];
      for (const blk of this.blocks) {
        if (blk.skip) {
          h = lin(h.concat(outputs[blk.skip.source], -1).reshape([B * T, 2 * D]), blk.skip.linear).reshape([B, T, D]);
        }
        const m = lin(cond, blk.ada).reshape([B, 6, 1, D]).unstack(1);                 // 6 x (B, 1, D)
        let a = modulate(ln(h), m[0], m[1]).reshape([B * T, D]);
        const qkv = lin(a, blk.qkv).reshape([B, T, 3, H, hd]).transpose([2, 0, 3, 1, 4]).unstack(0); // 3 x (B, H, T, hd)
        const att = tf.softmax(qkv[0].matMul(qkv[1], false, true).mul(1 / Math.sqrt(hd)));
        const o = att.matMul(qkv[2]).transpose([0, 2, 1, 3]).reshape([B * T, D]);
        h = h.add(m[2].mul(lin(o, blk.proj).reshape([B, T, D])));
        a = modulate(ln(h), m[3], m[4]).reshape([B * T, D]);
        h = h.add(m[5].mul(lin(gelu(lin(a, blk.fc1)), blk.fc2).reshape([B, T, D])));
        outputs.push(h);
      }
      const f = lin(cond, this.fada).reshape([B, 2, 1, D]).unstack(1);
      const out = lin(modulate(ln(h), f[0], f[1]).reshape([B * T, D]), this.flin);      // (B T, P), index (dy p + dx) C + c
      const u = out.reshape([B, G, G, p, p, C]).transpose([0, 5, 1, 3, 2, 4]).reshape([B, C, S, S]);
      if (!this.conv) return u;
      const nhwc = u.transpose([0, 2, 3, 1]);
      const conv = tf.conv2d(nhwc, this.conv.w, 1, 'same').add(this.conv.b).transpose([0, 3, 1, 2]);
      return u.add(conv);
    });
  }
}

window.TfjsDiT = TfjsDiT;
