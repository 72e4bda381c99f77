package com.webdit.harness;

import com.webdit.client.engine.DiTEngine;
import com.webdit.client.engine.GpuContext;
import com.webdit.client.kernels.AttentionKernel;
import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.MatmulKernel;
import com.webdit.client.kernels.Readback;
import com.webdit.client.runtime.WeightDownload;
import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.shared.json.Json;
import com.webdit.shared.model.Ops;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jsinterop.annotations.JsFunction;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * The kernel test harness, installed only on /kernel-tests.html as {@code window.webditKernelTests}:
 * each function runs one WGSL kernel on random inputs through the Java kernel classes, computes
 * the shared Java reference op on the same inputs, and resolves to the mismatch report
 * ({@code tol + |ref| * eps}, first ten mismatches) or "" when everything agrees.
 */
public final class KernelTests {
  /** f32 GPU sums vs double reference sums over K <= 1024 terms. */
  static final double TOL = 1e-4;
  static final double EPS = 1e-4;

  @JsFunction
  interface Runner {
    Promise<String> run(String specJson);
  }

  private static Promise<Gpu> gpu;

  private KernelTests() {}

  public static void install() {
    JsPropertyMap<Object> api = JsPropertyMap.of();
    api.set("matmul", (Runner) KernelTests::matmul);
    api.set("attention", (Runner) KernelTests::attention);
    api.set("engine", (Runner) KernelTests::engine);
    api.set("gaussianNoise", (Runner) KernelTests::gaussianNoise);
    api.set("bench", (Runner) Bench::run);
    api.set("toRgba8", (Runner) KernelTests::toRgba8);
    api.set("condition", (Runner) KernelTests::condition);
    api.set("finalStep", (Runner) KernelTests::finalStep);
    api.set("faviconPack", (Runner) KernelTests::faviconPack);
    api.set("jsonHeader", (Runner) KernelTests::jsonHeader);
    Js.asPropertyMap(DomGlobal.window).set("webditKernelTests", api);
    DomGlobal.document.body.setAttribute("data-webdit", "kernel-tests-ready");
  }

  /**
   * The demo's favicon pack from a fixed 32 x 32 pattern, as base64 (the PNGs come from the page's
   * canvas encoder): the Selenium test unzips and decodes it with decoders that are not ours.
   */
  static Promise<String> faviconPack(String json) {
    elemental2.core.Uint8ClampedArray rgba = new elemental2.core.Uint8ClampedArray(32 * 32 * 4);
    for (int i = 0; i < 32 * 32; i++) {
      int x = i % 32;
      int y = i / 32;
      rgba.setAt(4 * i, (double) (x * 8));
      rgba.setAt(4 * i + 1, (double) (y * 8));
      rgba.setAt(4 * i + 2, (double) ((x + y) * 4));
      rgba.setAt(4 * i + 3, (double) (x < 4 ? 0 : 255)); // a transparent band, the rest opaque
    }
    byte[] zip = com.webdit.client.runtime.FaviconDownload.pack(rgba);
    StringBuilder binary = new StringBuilder();
    for (byte b : zip) {
      binary.append((char) (b & 0xff));
    }
    return Promise.resolve(DomGlobal.btoa(binary.toString()));
  }

  /**
   * A weight file's header read by the browser's Json.parse (native) and by the strict reader:
   * whether they give equal values, and the median time of each over `repeats` parses.
   */
  static Promise<String> jsonHeader(String json) {
    Spec s = new Spec(json);
    int repeats = s.integer("repeats", 5);
    return WeightDownload.fetch(s.string("weights", "")).then(bytes -> {
      String header = com.webdit.shared.safetensors.SafeTensors.readHeader(bytes).text();
      double[] nativeMs = new double[repeats];
      double[] strictMs = new double[repeats];
      Object fast = null;
      Object strict = null;
      for (int i = 0; i < repeats; i++) {
        double t0 = DomGlobal.performance.now();
        fast = com.webdit.shared.json.Json.parse(header);
        double t1 = DomGlobal.performance.now();
        strict = com.webdit.shared.json.Json.strictParse(header);
        strictMs[i] = DomGlobal.performance.now() - t1;
        nativeMs[i] = t1 - t0;
      }
      double nativeFirst = nativeMs[0]; // the page's one real parse is a cold one
      double strictFirst = strictMs[0];
      java.util.Arrays.sort(nativeMs);
      java.util.Arrays.sort(strictMs);
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      out.put("reader", com.webdit.shared.json.Json.reader());
      out.put("equal", Boolean.valueOf(fast.equals(strict)));
      out.put("chars", Long.valueOf(header.length()));
      out.put("nativeFirstMs", Double.valueOf(nativeFirst));
      out.put("strictFirstMs", Double.valueOf(strictFirst));
      out.put("nativeMs", Double.valueOf(nativeMs[repeats / 2]));
      out.put("strictMs", Double.valueOf(strictMs[repeats / 2]));
      return Promise.resolve(com.webdit.shared.json.Json.write(out));
    });
  }

  static Promise<Gpu> gpu() {
    if (gpu == null) {
      gpu = GpuContext.create(failure -> DomGlobal.console.error("GPU failure: " + failure.getMessage()))
          .then(ctx -> Promise.resolve(new Gpu(ctx.device, ctx.isSoftware())));
    }
    return gpu;
  }

  private static String orEmpty(String report) {
    return report == null ? "" : report;
  }

  static Promise<String> matmul(String json) {
    Spec s = new Spec(json);
    int m = s.integer("m", 64);
    int n = s.integer("n", 64);
    int k = s.integer("k", 64);
    int rowsPerBatch = s.integer("rowsPerBatch", m);
    MatmulKernel kernel = new MatmulKernel(MatmulKernel.WeightFormat.valueOf(s.string("format", "F16")),
        MatmulKernel.Prologue.valueOf(s.string("prologue", "NONE")), MatmulKernel.Epilogue.valueOf(s.string("epilogue", "BIAS")),
        s.integer("tileM", 32), s.integer("tileN", 32), s.integer("tileK", 16));
    RandomData r = new RandomData(s.integer("seed", 1));

    float[] a = r.uniform(m * k, -1.5, 1.5);
    for (int row = 0; row < m; row++) { // give rows different means and spreads: LayerNorm must matter
      float offset = (float) (r.random.nextDouble() * 4 - 2);
      float spread = (float) (0.5 + r.random.nextDouble() * 2);
      for (int i = 0; i < k; i++) {
        a[row * k + i] = a[row * k + i] * spread + offset;
      }
    }
    float[] w;
    int[] wWords;
    float[] scales = null;
    int group = s.integer("group", 0);
    if (kernel.format == MatmulKernel.WeightFormat.F16) {
      w = r.uniform(n * k, -1.0 / Math.sqrt(k), 1.0 / Math.sqrt(k));
      wWords = RandomData.packF16(w);
    } else if (kernel.format == MatmulKernel.WeightFormat.I4) {
      // The dequantised reference: q * scale of its group, groups of `group` along k, scales of both signs.
      kernel.checkShape(m, n, k, group);
      byte[] q = new byte[n * k];
      scales = new float[n * k / group];
      w = new float[n * k];
      for (int g = 0; g < scales.length; g++) {
        scales[g] = (float) ((0.5 + r.random.nextDouble()) / 8 / Math.sqrt(k) * (r.random.nextBoolean() ? 1 : -1));
      }
      for (int i = 0; i < n * k; i++) {
        q[i] = (byte) (r.random.nextInt(16) - 8);
        w[i] = q[i] * scales[i / group];
      }
      wWords = RandomData.packI4(q);
    } else {
      byte[] q = new byte[n * k];
      scales = new float[n];
      w = new float[n * k];
      for (int row = 0; row < n; row++) {
        scales[row] = (float) ((0.5 + r.random.nextDouble()) / 127 / Math.sqrt(k));
        for (int i = 0; i < k; i++) {
          q[row * k + i] = (byte) (r.random.nextInt(255) - 127);
          w[row * k + i] = q[row * k + i] * scales[row];
        }
      }
      wWords = RandomData.packI8(q);
    }
    float[] bias = r.uniform(n, -0.5, 0.5);
    int batches = (m + rowsPerBatch - 1) / rowsPerBatch;
    int stride = 2 * k + n; // per batch entry: shift (k) | scale (k) | gate (n)
    float[] modv = r.uniform(batches * stride, -1, 1);
    float[] residual = r.uniform(m * n, -2, 2);
    // CONCAT reads row m as [left[m, :] | right[m, :]]: split a so the reference can use it whole.
    boolean concat = kernel.prologue == MatmulKernel.Prologue.CONCAT;
    float[] left = concat ? new float[m * k / 2] : a;
    float[] right = concat ? new float[m * k / 2] : modv;
    if (concat) {
      for (int row = 0; row < m; row++) {
        System.arraycopy(a, row * k, left, row * k / 2, k / 2);
        System.arraycopy(a, row * k + k / 2, right, row * k / 2, k / 2);
      }
    }

    // The reference, op by op.
    float[] in = a;
    if (kernel.prologue == MatmulKernel.Prologue.LAYER_NORM_MODULATE) {
      in = new float[m * k];
      for (int b = 0; b < batches; b++) {
        int rows = Math.min(rowsPerBatch, m - b * rowsPerBatch);
        float[] part = Ops.slice(a, b * rowsPerBatch * k, rows * k);
        float[] normed = Ops.modulate(Ops.layerNorm(part, rows, k), rows, k, Ops.slice(modv, b * stride, k),
            Ops.slice(modv, b * stride + k, k));
        System.arraycopy(normed, 0, in, b * rowsPerBatch * k, rows * k);
      }
    }
    float[] ref = Ops.linear(in, m, k, w, bias, n);
    switch (kernel.epilogue) {
      case GELU:
        ref = Ops.gelu(ref);
        break;
      case SILU:
        ref = Ops.silu(ref);
        break;
      case GATED_RESIDUAL: {
        float[] x = java.util.Arrays.copyOf(residual, residual.length);
        for (int b = 0; b < batches; b++) {
          int rows = Math.min(rowsPerBatch, m - b * rowsPerBatch);
          float[] part = Ops.slice(x, b * rowsPerBatch * n, rows * n);
          Ops.gatedResidual(part, Ops.slice(ref, b * rowsPerBatch * n, rows * n), rows, n,
              Ops.slice(modv, b * stride + 2 * k, n));
          System.arraycopy(part, 0, x, b * rowsPerBatch * n, rows * n);
        }
        ref = x;
        break;
      }
      default:
        break;
    }
    float[] expected = ref;
    float[] scaleValues = scales;
    return gpu().then(g -> kernel.pipeline(g).then(pipeline -> {
      GPUBuffer out = kernel.epilogue == MatmulKernel.Epilogue.GATED_RESIDUAL ? g.storage("out", residual)
          : g.storage("out", 4.0 * m * n);
      MatmulKernel.ModLayout layout = MatmulKernel.ModLayout.adaLN(rowsPerBatch, stride, 0, k, 2 * k);
      return Readback.run(g, out, 4.0 * m * n, kernel.bind(g, pipeline, "matmul test", m, n, k, layout,
          g.storage("a", left), g.storageWords("w", wWords), scaleValues == null ? null : g.storage("scales", scaleValues),
          group, g.storage("bias", bias), g.storage("modv", right), out));
    })).then(bytes -> Promise.resolve(orEmpty(Compare.mismatches(kernel + " M=" + m + " N=" + n + " K=" + k
        + (kernel.format == MatmulKernel.WeightFormat.I4 ? " group=" + group : ""),
        expected, Readback.toFloats(bytes, m * n), TOL, EPS))));
  }

  static Promise<String> attention(String json) {
    Spec s = new Spec(json);
    int batch = s.integer("batch", 2);
    int tokens = s.integer("tokens", 64);
    int heads = s.integer("heads", 2);
    int headDim = s.integer("headDim", 16);
    int dim = heads * headDim;
    RandomData r = new RandomData(s.integer("seed", 1));
    float[] qkv = r.gaussian(batch * tokens * 3 * dim, 1.5);
    float[] ref = new float[batch * tokens * dim];
    for (int b = 0; b < batch; b++) {
      float[] o = Ops.attention(Ops.slice(qkv, b * tokens * 3 * dim, tokens * 3 * dim), tokens, heads, headDim);
      System.arraycopy(o, 0, ref, b * tokens * dim, tokens * dim);
    }
    return gpu().then(g -> {
      AttentionKernel kernel = new AttentionKernel(headDim, s.integer("workgroupSize", 64),
          g.device.getLimits().getMaxComputeWorkgroupStorageSize());
      return kernel.pipeline(g).then(pipeline -> {
        GPUBuffer out = g.storage("attn out", 4.0 * ref.length);
        return Readback.run(g, out, 4.0 * ref.length,
            kernel.bind(g, pipeline, "attention test", batch, tokens, heads, g.storage("qkv", qkv), out));
      }).then(bytes -> Promise.resolve(orEmpty(Compare.mismatches(kernel.cacheKey() + " B=" + batch + " T=" + tokens
          + " H=" + heads, ref, Readback.toFloats(bytes, ref.length), TOL, EPS))));
    });
  }

  /** to_rgba8.wgsl against Pixels.toRgba8 on random model-space images, exact bytes expected (+-1 for rounding). */
  static Promise<String> toRgba8(String json) {
    Spec s = new Spec(json);
    int images = s.integer("images", 2);
    int size = s.integer("size", 32);
    int frame = s.integer("frame", 1);
    RandomData r = new RandomData(s.integer("seed", 1));
    float[] src = r.uniform(images * 4 * size * size, -1.3, 1.3);
    for (int i = 0; i < images; i++) { // some fully transparent pixels: colour must come out 0
      for (int p = 0; p < size; p++) {
        src[(i * 4 + 3) * size * size + p] = -1f;
      }
    }
    float[] expected = new float[images * size * size * 4];
    for (int i = 0; i < images; i++) {
      int[] ref = com.webdit.shared.sampling.Pixels.toRgba8(Ops.slice(src, i * 4 * size * size, 4 * size * size), size);
      for (int k = 0; k < ref.length; k++) {
        expected[i * ref.length + k] = ref[k];
      }
    }
    return gpu().then(g -> {
      com.webdit.client.kernels.ToRgba8Kernel kernel = new com.webdit.client.kernels.ToRgba8Kernel();
      return kernel.pipeline(g).then(pipeline -> {
        double frameBytes = 4.0 * images * size * size;
        GPUBuffer frames = g.storage("frames", frameBytes * (frame + 1));
        elemental2.core.ArrayBuffer stepBytes = com.webdit.client.kernels.FinalStepKernel.stepSlots(1);
        com.webdit.client.kernels.FinalStepKernel.packStep(stepBytes, 0,
            new com.webdit.shared.sampling.StepCoefficients(0, 0, 0, 0, 0, 0, 0, 0), frame);
        GPUBuffer step = g.buffer("step", com.webdit.client.kernels.FinalStepKernel.STEP_BYTES, Gpu.UNIFORM);
        g.write(step, 0, new elemental2.core.Uint8Array(stepBytes));
        return Readback.run(g, frames, frameBytes * (frame + 1),
            kernel.bind(g, pipeline, images, size, step, g.storage("src", src), frames)).then(bytes -> {
              elemental2.core.Uint8Array all = new elemental2.core.Uint8Array(bytes, (int) (frameBytes * frame),
                  (int) frameBytes);
              float[] got = new float[expected.length];
              for (int i = 0; i < got.length; i++) {
                got[i] = all.getAt(i).floatValue();
              }
              return Promise.resolve(orEmpty(Compare.mismatches(kernel.cacheKey(), expected, got, 1.0, 0)));
            });
      });
    });
  }

  /** condition.wgsl against SiLU(temb[step] + table[label]) per (step, batch entry). */
  static Promise<String> condition(String json) {
    Spec s = new Spec(json);
    int dim = s.integer("dim", 32);
    int batch = s.integer("batch", 4);
    int steps = s.integer("steps", 1);
    int classes = s.integer("classes", 10);
    RandomData r = new RandomData(s.integer("seed", 1));
    float[] temb = r.uniform(steps * dim, -3, 3);
    float[] table = r.uniform(classes * dim, -2, 2);
    int[] tableWords = RandomData.packF16(table);
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = r.random.nextInt(classes);
    }
    float[] expected = new float[steps * batch * dim];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        for (int d = 0; d < dim; d++) {
          expected[(t * batch + b) * dim + d] = Ops.silu(temb[t * dim + d] + table[labels[b] * dim + d]);
        }
      }
    }
    int n = expected.length;
    return gpu().then(g -> {
      com.webdit.client.kernels.ConditionKernel kernel = new com.webdit.client.kernels.ConditionKernel();
      return kernel.pipeline(g).then(pipeline -> {
        GPUBuffer out = g.storage("silu c", 4.0 * n);
        return Readback.run(g, out, 4.0 * n, kernel.bind(g, pipeline, dim, batch, steps, g.storage("temb", temb),
            g.storageWords("table", tableWords), g.storageWords("labels", labels), out));
      }).then(bytes -> Promise.resolve(orEmpty(Compare.mismatches(kernel.cacheKey(), expected,
          Readback.toFloats(bytes, n), 1e-5, 1e-5))));
    });
  }

  /**
   * final_step.wgsl against the reference ops: unpatchify + final conv per batch row, CFG over
   * image i's cond row i and uncond row images + i, x0 = clip(alpha_s x - sigma_s v), and the coefficient update including
   * DDPM noise. Checks both outputs, x and x0.
   */
  static Promise<String> finalStep(String json) {
    Spec s = new Spec(json);
    int images = s.integer("images", 2);
    boolean guided = s.integer("guided", 1) == 1;
    boolean conv = s.integer("conv", 1) == 1;
    int channels = 4;
    int size = s.integer("size", 32);
    int patch = s.integer("patch", 4);
    int grid = size / patch;
    int rows = guided ? 2 * images : images;
    int per = channels * size * size;
    int pd = channels * patch * patch;
    float cfg = (float) s.number("cfg", 2.5);
    RandomData r = new RandomData(s.integer("seed", 1));
    float[] tokens = r.uniform(rows * grid * grid * pd, -1.5, 1.5);
    float[] convW = r.uniform(channels * channels * 9 + channels, -0.3, 0.3);
    float[] x = r.uniform(images * per, -2, 2);
    float[] x0Prev = r.uniform(images * per, -1, 1);
    int[] seeds = new int[images];
    for (int i = 0; i < images; i++) {
      seeds[i] = 100 + i;
    }
    double alphaS = 0.6;
    double sigmaS = 0.8;
    double cX0 = 0.7;
    double cX = 0.4;
    double cPrev = -0.2;
    double cZ = s.number("cZ", 0.3);
    int stream = 5;

    float[] expX = new float[images * per];
    float[] expX0 = new float[images * per];
    float[] w = Ops.slice(convW, 0, channels * channels * 9);
    float[] b = Ops.slice(convW, channels * channels * 9, channels);
    for (int i = 0; i < images; i++) {
      float[][] v = new float[guided ? 2 : 1][];
      for (int k = 0; k < v.length; k++) {
        int row = k * images + i; // cond rows first, then uncond rows
        float[] u = Ops.unpatchify(Ops.slice(tokens, row * grid * grid * pd, grid * grid * pd), channels, size, patch);
        if (conv) {
          float[] c = Ops.conv3x3(u, channels, size, w, b);
          for (int j = 0; j < u.length; j++) {
            u[j] += c[j];
          }
        }
        v[k] = u;
      }
      float[] z = new float[per];
      com.webdit.shared.rng.Gaussian.fill(seeds[i], stream, z);
      for (int j = 0; j < per; j++) {
        double vel = guided ? v[1][j] + (double) cfg * (v[0][j] - v[1][j]) : v[0][j];
        double xs = x[i * per + j];
        double x0 = Math.max(-1, Math.min(1, alphaS * xs - sigmaS * vel));
        expX0[i * per + j] = (float) x0;
        expX[i * per + j] = (float) (cX0 * x0 + cX * xs + cPrev * x0Prev[i * per + j] + cZ * z[j]);
      }
    }
    return gpu().then(g -> {
      com.webdit.client.kernels.FinalStepKernel kernel = new com.webdit.client.kernels.FinalStepKernel(conv);
      return kernel.pipeline(g).then(pipeline -> {
        GPUBuffer genBuf = g.buffer("gen", com.webdit.client.kernels.FinalStepKernel.GEN.bytes(), Gpu.UNIFORM);
        g.write(genBuf, 0, com.webdit.client.kernels.FinalStepKernel.packGen(images, guided, channels, size, patch, cfg));
        elemental2.core.ArrayBuffer stepBytes = com.webdit.client.kernels.FinalStepKernel.stepSlots(1);
        com.webdit.client.kernels.FinalStepKernel.packStep(stepBytes, 0,
            new com.webdit.shared.sampling.StepCoefficients(0, alphaS, sigmaS, cX0, cX, cPrev, cZ, stream), 0);
        GPUBuffer stepBuf = g.buffer("step", com.webdit.client.kernels.FinalStepKernel.STEP_BYTES, Gpu.UNIFORM);
        g.write(stepBuf, 0, new elemental2.core.Uint8Array(stepBytes));
        GPUBuffer xBuf = g.storage("x", x);
        GPUBuffer x0Out = g.storage("x0", 4.0 * images * per);
        com.webdit.client.kernels.Dispatch d = kernel.bind(g, pipeline, "final step test", images, per, genBuf, stepBuf,
            g.storage("tokens", tokens), g.storage("conv", convW), g.storageWords("seeds", seeds), g.storage("x0 prev", x0Prev),
            xBuf, x0Out);
        return Readback.run(g, xBuf, 4.0 * images * per, d).then(xBytes ->
            Readback.run(g, x0Out, 4.0 * images * per).then(x0Bytes -> {
              String a = Compare.mismatches(kernel.cacheKey() + " x", expX, Readback.toFloats(xBytes, images * per), TOL, EPS);
              String c = Compare.mismatches(kernel.cacheKey() + " x0", expX0, Readback.toFloats(x0Bytes, images * per), TOL,
                  EPS);
              return Promise.resolve(orEmpty(a) + orEmpty(c));
            }));
      });
    });
  }

  /** Runs gaussian_noise.wgsl for {seed, count, images} and returns the raw values as CSV. */
  static Promise<String> gaussianNoise(String json) {
    Spec s = new Spec(json);
    int count = s.integer("count", 4096);
    int images = s.integer("images", 1);
    int[] seeds = new int[images];
    for (int i = 0; i < images; i++) {
      seeds[i] = s.integer("seed", 42) + i;
    }
    return gpu().then(g -> {
      com.webdit.client.kernels.GaussianNoiseKernel kernel = new com.webdit.client.kernels.GaussianNoiseKernel(
          s.integer("workgroupSize", 64), (int) g.device.getLimits().getMaxComputeInvocationsPerWorkgroup());
      return kernel.pipeline(g).then(pipeline -> {
        GPUBuffer out = g.storage("noise", 4.0 * count * images);
        return Readback.run(g, out, 4.0 * count * images, kernel.bind(g, pipeline, "noise", s.integer("stream", 0), count,
            images, g.storageWords("seeds", seeds), out));
      });
    }).then(bytes -> {
      float[] v = Readback.toFloats(bytes, count * images);
      StringBuilder csv = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        csv.append(i > 0 ? "," : "").append((double) v[i]);
      }
      return Promise.resolve(csv.toString());
    });
  }

  /**
   * The start of each image for "strength" < 1 (a remix of {@link #remixFixture}) or "morph" (image
   * i is frame i of the slerp from seeds[0] to seeds[0] + 1); null for plain generation. The
   * Selenium test builds the same starts in the JVM.
   */
  static float[] startValues(int values, int[] seeds, double strength, boolean morph) {
    if (!morph && strength == 1.0) {
      return null;
    }
    float[] all = new float[seeds.length * values];
    for (int i = 0; i < seeds.length; i++) {
      float[] one = morph ? com.webdit.shared.sampling.StartNoise.slerp(seeds[0], seeds[0] + 1,
          seeds.length == 1 ? 0 : (double) i / (seeds.length - 1), values)
          : com.webdit.shared.sampling.StartNoise.remix(seeds[i], remixFixture(values), strength);
      System.arraycopy(one, 0, all, i * values, values);
    }
    return all;
  }

  /** A fixed start image for remix tests: a ramp over [-1, 1) (EngineParityTest writes the same). */
  static float[] remixFixture(int values) {
    float[] image = new float[values];
    for (int j = 0; j < values; j++) {
      image[j] = (j * 37 % 200) / 100f - 1f;
    }
    return image;
  }

  /**
   * Runs a whole generation with the engine and returns JSON: the final float images, the frame
   * count and the work profile. The Selenium test compares the images with the JVM reference.
   * With "warmSteps", the same engine first generates with that many steps, so the measured
   * generation runs on a rebuilt step-count-dependent prelude.
   */
  static Promise<String> engine(String json) {
    Spec s = new Spec(json);
    int images = s.integer("images", 1);
    int[] seeds = new int[images];
    int[] labels = new int[images];
    for (int i = 0; i < images; i++) {
      seeds[i] = s.integer("seed", 1) + i;
      // A morph leg keeps one category; otherwise each image gets its own label.
      labels[i] = s.integer("morph", 0) != 0 ? s.integer("label", 0) : (s.integer("label", 0) + i) % 10;
    }
    float cfg = (float) s.number("cfg", 1.0);
    GuidanceInterval guidance = new GuidanceInterval(s.number("guidanceLo", 0), s.number("guidanceHi", 1));
    SamplerKind sampler = SamplerKind.named(s.string("sampler", "ddim"));
    int steps = s.integer("steps", 2);
    int warmSteps = s.integer("warmSteps", 0);
    double strength = s.number("strength", 1.0);
    boolean morph = s.integer("morph", 0) != 0;
    return gpu().then(g -> WeightDownload.fetch(s.string("weights", "")).then(bytes ->
        DiTEngine.create(g, WeightFile.open(bytes), images, cfg != 1f)).then(engine -> {
      float[] start = startValues(engine.config.imageValues(), seeds, strength, morph);
      double t0 = morph ? 1.0 : strength;
      Promise<com.webdit.client.engine.Generation> run = warmSteps > 0
          ? engine.generate(seeds, labels, sampler, warmSteps, cfg, guidance, false)
              .then(ignored -> engine.generate(seeds, labels, sampler, steps, cfg, guidance, start, t0, true))
          : engine.generate(seeds, labels, sampler, steps, cfg, guidance, start, t0, true);
      return run.then(gen -> {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        for (float v : gen.finalImages) {
          values.add(Double.valueOf(v));
        }
        out.put("final", values);
        out.put("seeds", toList(seeds));
        out.put("labels", toList(labels));
        out.put("dispatches", Long.valueOf(gen.profile.dispatches()));
        out.put("forwards", Long.valueOf(gen.profile.forwards()));
        out.put("dispatchesPerStep", Long.valueOf(engine.dispatchesPerStep()));
        out.put("copiesPerStep", Long.valueOf(engine.copiesPerStep()));
        out.put("dispatchesBeforeLoop", Long.valueOf(DiTEngine.DISPATCHES_BEFORE_LOOP - (start == null ? 0 : 1)));
        out.put("submits", Long.valueOf(gen.profile.submits()));
        out.put("readbacks", Long.valueOf(gen.profile.readbacks()));
        out.put("buildTasks", new ArrayList<Object>(engine.buildTasks()));
        out.put("profile", gen.profile.summary());
        return Promise.resolve(Json.write(out));
      });
    }));
  }

  private static List<Object> toList(int[] values) {
    List<Object> out = new ArrayList<>();
    for (int v : values) {
      out.add(Long.valueOf(v));
    }
    return out;
  }
}
