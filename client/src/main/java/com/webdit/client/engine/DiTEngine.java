package com.webdit.client.engine;

import com.webdit.client.dom.Yield;
import com.webdit.client.kernels.Dispatch;
import com.webdit.client.kernels.FinalStepKernel;
import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.GpuUnavailableException;
import com.webdit.client.kernels.MatmulKernel.Epilogue;
import com.webdit.client.kernels.MatmulKernel.ModLayout;
import com.webdit.client.kernels.MatmulKernel.Prologue;
import com.webdit.client.kernels.MatmulKernel.WeightFormat;
import com.webdit.client.kernels.MatmulKernel;
import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUBufferDescriptor;
import com.webdit.client.webgpu.GPUBufferUsage;
import com.webdit.client.webgpu.GPUCommandBuffer;
import com.webdit.client.webgpu.GPUCommandEncoder;
import com.webdit.client.webgpu.GPUComputePassEncoder;
import com.webdit.client.webgpu.GPUComputePipeline;
import com.webdit.client.webgpu.GPUMapMode;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.Embeddings;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SamplerKind;
import com.webdit.shared.sampling.StepCoefficients;
import elemental2.core.ArrayBuffer;
import elemental2.core.Float32Array;
import elemental2.core.Uint8Array;
import elemental2.core.Uint8ClampedArray;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The whole DiT sampling loop on the GPU. Built once per (model, image count, guidance): weights
 * uploaded, activations allocated, pipelines compiled and every bind group made up front, one
 * weight matrix per main-thread task so the build never blocks the page for long ({@link #slices}). A
 * generation is then one command buffer: noise; a prelude of 4 dispatches that computes what
 * depends only on the step and the label for every step at once (TimestepEmbedder, condition, all
 * adaLN projections: M = steps x rows); then per step 3 + 5 * depth dispatches (patchify, 5 per
 * DiTBlock, FinalLayer, the sampler update), one more per long skip, plus one for the frame,
 * after two small copies (that step's scalars and its adaLN vectors), with no CPU round trip
 * between steps; the only readback is the frames, at the end.
 *
 * <p>A long skip is one fused matmul (PROLOGUE_CONCAT reads [h | kept output] without writing the
 * concatenation) and two buffer copies: the source block's output into its own buffer, and h into
 * the attention buffer (free at that point) so the matmul can write h without reading it.
 *
 * <p>A guided engine's batch holds every image's conditional entry, then every image's
 * unconditional one. Steps inside the guidance interval run the whole batch and combine the two
 * halves; steps outside it run the same dispatches over the first half alone (M = images x
 * tokens, one forward per image instead of two), so the interval changes the work, not the
 * dispatch count.
 */
public final class DiTEngine {
  private final Gpu gpu;
  public final DiTConfig config;
  public final int images;
  public final boolean guided;
  private final int rows;       // batch entries: images, or images cond entries then images uncond entries
  private final int modStride;  // adaLN floats per batch entry: 6 D L + 2 D

  // Per-generation inputs.
  private final GPUBuffer seeds;
  private final GPUBuffer labels;
  private final GPUBuffer genUniform;      // guided steps: combine cond and uncond
  private final GPUBuffer genCondUniform;  // steps without guidance: the cond entries alone
  private final GPUBuffer stepUniform;
  private final GPUBuffer mod;  // this step's adaLN vectors, copied from the prelude's output
  private final GPUBuffer x;
  private final GPUBuffer[] x0 = new GPUBuffer[2];
  private GPUBuffer frames;
  private int framesCapacity;
  private Dispatch rgba;     // frames of even steps (x0[0]); rebuilt only when the frames buffer grows
  private Dispatch rgbaOdd;

  /**
   * One command of a step: a kernel dispatch, or a buffer copy (encoded between compute passes:
   * a copy cannot sit inside one).
   */
  private static final class StepCommand {
    final Dispatch dispatch;
    final GPUBuffer from;
    final GPUBuffer to;
    final double bytes;

    StepCommand(Dispatch dispatch, GPUBuffer from, GPUBuffer to, double bytes) {
      this.dispatch = dispatch;
      this.from = from;
      this.to = to;
      this.bytes = bytes;
    }
  }

  /** One step's commands over some batch entries; even steps read x0[1] as the previous prediction and write x0[0]. */
  // A class, not a record: the GWT 2.13 compiler crashes on a record with an extra constructor.
  private static final class StepDispatches {
    final List<StepCommand> even = new ArrayList<>();
    final List<StepCommand> odd = new ArrayList<>();

    List<StepCommand> forStep(int i) {
      return i % 2 == 0 ? even : odd;
    }

    void add(Dispatch d) {
      even.add(new StepCommand(d, null, null, 0));
    }

    void copy(GPUBuffer from, GPUBuffer to, double bytes) {
      even.add(new StepCommand(null, from, to, bytes));
    }
  }

  private final StepDispatches allEntries = new StepDispatches();
  /** The cond entries alone (the same list as allEntries for an unguided engine). */
  private final StepDispatches condEntries;
  private final Dispatch noise;
  private final int freqDim;

  // Activations and constants the step's dispatches bind.
  private final GPUBuffer h;
  private final GPUBuffer qkv;
  private final GPUBuffer attn;
  private final GPUBuffer mlp;
  private final GPUBuffer out;
  private final GPUBuffer pos;
  private final GPUBuffer conv;
  private final GPUBuffer[] kept; // the outputs of blocks 0 .. longSkipCount-1, read by the long skips

  // The step-only prelude's weights (uploaded while building) and, per step count, its buffers and dispatches.
  private Linear tembFc1;
  private Linear tembFc2;
  private GPUBuffer labelTable;
  private final PackedMatrix.Stack adaWeights; // every layer's adaLN rows, one part per layer
  private final GPUBuffer adaBias;
  private final Linear ada;
  private Prelude prelude;

  /** What each task of the build did, in order (the tests check there is one weight matrix per task). */
  private final List<String> buildTasks = new ArrayList<>();

  /** A linear layer's weights as uploaded: packed matrix, int8 or int4 scales (or null), int4 group size, bias. */
  private record Linear(WeightFormat format, GPUBuffer weights, GPUBuffer scales, int groupSize, GPUBuffer bias) {}

  // Kept for the frame dispatches, which are rebuilt when the frames buffer grows.
  private final Pipelines p;

  /** One task of the build: a name for the tests, and the work. */
  private record Slice(String name, Runnable work) {}

  /** The first slice: buffers (no weights yet, but for the small positional and final-conv tables). */
  private DiTEngine(Gpu gpu, WeightFile wf, int images, boolean guided, Pipelines p) {
    this.gpu = gpu;
    this.p = p;
    this.config = wf.config();
    this.images = images;
    this.guided = guided;
    this.rows = guided ? 2 * images : images;
    this.condEntries = guided ? new StepDispatches() : allEntries;
    DiTConfig c = config;
    int d = c.hiddenSize();
    int m = rows * c.tokens();
    this.modStride = 6 * d * c.depth() + 2 * d;
    this.freqDim = c.freqDim();
    SafeTensors st = wf.tensors();

    seeds = gpu.storage("seeds", 4.0 * images);
    labels = gpu.storage("labels", 4.0 * rows);
    genUniform = gpu.buffer("gen", FinalStepKernel.GEN.bytes(), Gpu.UNIFORM);
    genCondUniform = guided ? gpu.buffer("gen (cond only)", FinalStepKernel.GEN.bytes(), Gpu.UNIFORM) : genUniform;
    stepUniform = gpu.buffer("step", FinalStepKernel.STEP_BYTES, Gpu.UNIFORM);
    x = gpu.storage("x", 4.0 * images * c.imageValues());
    x0[0] = gpu.storage("x0 a", 4.0 * images * c.imageValues());
    x0[1] = gpu.storage("x0 b", 4.0 * images * c.imageValues());
    mod = gpu.storage("adaLN", 4.0 * rows * modStride);
    h = gpu.storage("h", 4.0 * m * d);
    qkv = gpu.storage("qkv", 4.0 * m * 3 * d);
    attn = gpu.storage("attn", 4.0 * m * d);
    mlp = gpu.storage("mlp", 4.0 * m * c.mlpHidden());
    out = gpu.storage("final tokens", 4.0 * m * c.patchDim());
    pos = gpu.storage("pos", Embeddings.position2d(d, c.gridSize()));
    conv = gpu.storage("final conv", c.finalConv() ? convWeights(st, c) : new float[4]);
    kept = new GPUBuffer[c.longSkipCount()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = gpu.storage("block " + i + " output (long skip)", 4.0 * m * d);
    }
    noise = p.noise.bind(gpu, p.noisePipeline, "noise", 0, c.imageValues(), images, seeds, x);

    String[] adaNames = adaNames(c);
    // Allocated now, filled layer by layer with the blocks: the prelude binds them only at generate().
    adaWeights = new PackedMatrix.Stack(gpu, st, "adaLN (all layers)", adaNames);
    adaBias = gpu.storage("adaLN bias", 4.0 * modStride);
    ada = new Linear(adaWeights.format, adaWeights.weights, adaWeights.scales, adaWeights.groupSize, adaBias);
    buildTasks.add("buffers");
  }

  /**
   * The rest of the build, one weight matrix per task: the small embedders together, then for
   * each DiTBlock its long skip (if any), its adaLN rows and each of its 4 matmuls (packed,
   * uploaded, bound; the attention's bind group goes with qkv), then the final layer's. A whole block of the shipped
   * model is tens of megabytes of JavaScript numbers to copy, over 100 ms on a busy 2-core
   * machine, and the whole build 0.3 to 1 s; one matrix per task keeps each task well under
   * 50 ms, and the page gets the main thread back between them. A destroyed device
   * (Lifecycle.cancel) stops the build at the next slice.
   */
  private List<Slice> slices(SafeTensors st) {
    DiTConfig c = config;
    int d = c.hiddenSize();
    int t = c.tokens();
    List<Slice> slices = new ArrayList<>();
    slices.add(new Slice("embedders", () -> {
      tembFc1 = linear(st, "t_embedder.mlp.0");
      tembFc2 = linear(st, "t_embedder.mlp.2");
      labelTable = PackedMatrix.of(st, "y_embedder.embedding_table.weight").upload(gpu, "label table");
      matmul(Prologue.PATCHIFY, Epilogue.POSITIONAL, linear(st, "x_embedder.proj"), "x_embedder.proj", d, c.patchDim(),
          ModLayout.patchify(c.patchSize(), c.gridSize(), images), x, pos, h);
    }));
    for (int block = 0; block < c.depth(); block++) {
      int i = block;
      String b = "blocks." + i + ".";
      int o = i * 6 * d;
      int source = c.skipSource(i);
      if (source >= 0) {
        slices.add(new Slice(b + "skip_linear", () -> {
          copyTokens(h, attn);
          matmul(Prologue.CONCAT, Epilogue.BIAS, linear(st, b + "skip_linear"), b + "skip_linear", d, 2 * d,
              ModLayout.NONE, attn, kept[source], h);
        }));
      }
      slices.add(new Slice(b + "adaLN_modulation", () -> {
        adaWeights.write(gpu, st, i);
        gpu.write(adaBias, 4.0 * o, Gpu.floats(st.floats(b + "adaLN_modulation.1.bias")));
      }));
      slices.add(new Slice(b + "attn.qkv", () -> {
        matmul(Prologue.LAYER_NORM_MODULATE, Epilogue.BIAS, linear(st, b + "attn.qkv"), b + "attn.qkv", 3 * d, d,
            ModLayout.adaLN(t, modStride, o, o + d, 0), h, mod, qkv);
        allEntries.add(p.attention.bind(gpu, p.attentionPipeline, b + "attention", rows, t, c.numHeads(), qkv, attn));
        if (guided) {
          condEntries.add(p.attention.bind(gpu, p.attentionPipeline, b + "attention (cond)", images, t,
              c.numHeads(), qkv, attn));
        }
      }));
      slices.add(new Slice(b + "attn.proj", () -> matmul(Prologue.NONE, Epilogue.GATED_RESIDUAL,
          linear(st, b + "attn.proj"), b + "attn.proj", d, d, ModLayout.adaLN(t, modStride, 0, 0, o + 2 * d), attn, mod,
          h)));
      slices.add(new Slice(b + "mlp.fc1", () -> matmul(Prologue.LAYER_NORM_MODULATE, Epilogue.GELU,
          linear(st, b + "mlp.fc1"), b + "mlp.fc1", c.mlpHidden(), d, ModLayout.adaLN(t, modStride, o + 3 * d, o + 4 * d, 0),
          h, mod, mlp)));
      slices.add(new Slice(b + "mlp.fc2", () -> {
        matmul(Prologue.NONE, Epilogue.GATED_RESIDUAL, linear(st, b + "mlp.fc2"), b + "mlp.fc2", d, c.mlpHidden(),
            ModLayout.adaLN(t, modStride, 0, 0, o + 5 * d), mlp, mod, h);
        if (i < kept.length) {
          copyTokens(h, kept[i]);
        }
      }));
    }
    int f = c.depth() * 6 * d;
    slices.add(new Slice("final_layer.adaLN_modulation", () -> {
      adaWeights.write(gpu, st, c.depth());
      gpu.write(adaBias, 4.0 * f, Gpu.floats(st.floats("final_layer.adaLN_modulation.1.bias")));
    }));
    slices.add(new Slice("final_layer.linear", () -> {
      matmul(Prologue.LAYER_NORM_MODULATE, Epilogue.BIAS, linear(st, "final_layer.linear"), "final_layer.linear",
          c.patchDim(), d, ModLayout.adaLN(t, modStride, f, f + d, 0), h, mod, out);
      finishStep(allEntries, genUniform);
      if (guided) {
        finishStep(condEntries, genCondUniform);
      }
    }));
    return slices;
  }

  /**
   * One matmul of the step, bound over every batch entry and, for a guided engine, a second time
   * over the cond entries alone (M = images x tokens), sharing the weights.
   */
  private void matmul(Prologue pro, Epilogue epi, Linear w, String layer, int n, int k, ModLayout layout, GPUBuffer a,
      GPUBuffer modv, GPUBuffer out) {
    int t = config.tokens();
    allEntries.add(bind(pro, epi, w, layer, rows * t, n, k, layout, a, modv, out));
    if (guided) {
      condEntries.add(bind(pro, epi, w, layer + " (cond)", images * t, n, k, layout, a, modv, out));
    }
  }

  /** Copies the (tokens, hidden) rows of every batch entry, or of the cond entries alone (they come first). */
  private void copyTokens(GPUBuffer from, GPUBuffer to) {
    double entryBytes = 4.0 * config.tokens() * config.hiddenSize();
    allEntries.copy(from, to, rows * entryBytes);
    if (guided) {
      condEntries.copy(from, to, images * entryBytes);
    }
  }

  /**
   * Ends a step list: the even list so far is the model; both parities get it, then the sampler
   * update that reads x0 of the other parity (even steps read x0[1] and write x0[0]).
   */
  private void finishStep(StepDispatches step, GPUBuffer gen) {
    DiTConfig c = config;
    step.odd.addAll(step.even);
    for (int parity = 0; parity < 2; parity++) {
      step.forStep(parity).add(new StepCommand(p.finalStep.bind(gpu, p.finalStepPipeline, "final step", images,
          c.imageValues(), gen, stepUniform, out, conv, seeds, x0[1 - parity], x, x0[parity]), null, null, 0));
    }
  }

  /** Runs slices[next..] one per task; resolves to this engine once the last has run. */
  private Promise<DiTEngine> build(List<Slice> slices, int next) {
    if (next == slices.size()) {
      return Promise.resolve(this);
    }
    return Yield.toPage().then(ignored -> {
      if (gpu.gone()) {
        return Promise.reject(new GpuUnavailableException("device-lost",
            "the GPU device went away while the engine was being built (" + buildTasks.size() + " of "
                + (slices.size() + 1) + " build tasks done)"));
      }
      Slice slice = slices.get(next);
      slice.work().run();
      buildTasks.add(slice.name());
      return build(slices, next + 1);
    });
  }

  /**
   * Everything that depends only on the step and the label, for all steps of a generation in one
   * batch (M = steps or steps x rows instead of 1 or rows per step): TimestepEmbedder MLP,
   * condition SiLU(temb + label embedding), and every layer's adaLN projection. Built per step
   * count; the loop copies step i's slice of {@code mod} into the engine's adaLN buffer.
   */
  private final class Prelude {
    final int steps;
    final GPUBuffer tfeat;  // (steps, freqDim) timestep features, written per generation
    final GPUBuffer modAll; // (steps, rows, modStride)
    final GPUBuffer[] buffers;
    final Dispatch[] dispatches;

    Prelude(int steps) {
      this.steps = steps;
      int d = config.hiddenSize();
      tfeat = gpu.storage("timestep features (all steps)", 4.0 * steps * freqDim);
      GPUBuffer temb1 = gpu.storage("temb hidden (all steps)", 4.0 * steps * d);
      GPUBuffer temb = gpu.storage("temb (all steps)", 4.0 * steps * d);
      GPUBuffer siluC = gpu.storage("silu(c) (all steps)", 4.0 * steps * rows * d);
      modAll = gpu.storage("adaLN (all steps)", 4.0 * steps * rows * modStride);
      buffers = new GPUBuffer[] {tfeat, temb1, temb, siluC, modAll};
      dispatches = new Dispatch[] {
          bind(Prologue.NONE, Epilogue.SILU, tembFc1, "t_embedder.mlp.0", steps, d, freqDim, ModLayout.NONE, tfeat, null,
              temb1),
          bind(Prologue.NONE, Epilogue.BIAS, tembFc2, "t_embedder.mlp.2", steps, d, d, ModLayout.NONE, temb1, null, temb),
          p.condition.bind(gpu, p.conditionPipeline, d, rows, steps, temb, labelTable, labels, siluC),
          bind(Prologue.NONE, Epilogue.BIAS, ada, "adaLN (all layers, all steps)", steps * rows, modStride, d,
              ModLayout.NONE, siluC, null, modAll)};
    }

    void release() {
      for (Dispatch dispatch : dispatches) {
        dispatch.release(gpu);
      }
      for (GPUBuffer b : buffers) {
        gpu.release(b);
      }
    }
  }

  private Prelude prelude(int steps) {
    if (prelude == null || prelude.steps != steps) {
      if (prelude != null) {
        prelude.release();
      }
      prelude = new Prelude(steps);
    }
    return prelude;
  }

  /** Every layer's adaLN weight, in the order the stacked adaLN matmul holds them. */
  private static String[] adaNames(DiTConfig c) {
    String[] names = new String[c.depth() + 1];
    for (int i = 0; i < c.depth(); i++) {
      names[i] = "blocks." + i + ".adaLN_modulation.1.weight";
    }
    names[c.depth()] = "final_layer.adaLN_modulation.1.weight";
    return names;
  }

  /**
   * The weight formats this file's matmuls run in (Pipelines compiles only those): each matrix's
   * own, and the adaLN stack's. The label table and final_conv are read by other kernels.
   */
  static Set<WeightFormat> matmulFormats(WeightFile wf) {
    DiTConfig c = wf.config();
    SafeTensors st = wf.tensors();
    Set<WeightFormat> formats = EnumSet.of(PackedMatrix.Stack.formatOf(st, adaNames(c)));
    List<String> layers = new ArrayList<>(List.of("t_embedder.mlp.0", "t_embedder.mlp.2", "x_embedder.proj",
        "final_layer.linear"));
    for (int i = 0; i < c.depth(); i++) {
      for (String layer : new String[] {"attn.qkv", "attn.proj", "mlp.fc1", "mlp.fc2"}) {
        layers.add("blocks." + i + "." + layer);
      }
      if (c.skipSource(i) >= 0) {
        layers.add("blocks." + i + ".skip_linear");
      }
    }
    for (String layer : layers) {
      formats.add(PackedMatrix.formatOf(st.info(layer + ".weight").dtype()));
    }
    return formats;
  }

  private static float[] convWeights(SafeTensors st, DiTConfig c) {
    float[] w = st.floats("final_conv.weight");
    float[] b = st.floats("final_conv.bias");
    float[] all = new float[w.length + b.length];
    System.arraycopy(w, 0, all, 0, w.length);
    System.arraycopy(b, 0, all, w.length, b.length);
    return all;
  }

  private Linear upload(PackedMatrix w, GPUBuffer bias, String label) {
    return new Linear(w.format, w.upload(gpu, label), w.uploadScales(gpu, label), w.groupSize, bias);
  }

  private Linear linear(SafeTensors st, String layer) {
    return upload(PackedMatrix.of(st, layer + ".weight"), gpu.storage(layer + ".bias", st.floats(layer + ".bias")), layer);
  }

  private Dispatch bind(Prologue pro, Epilogue epi, Linear w, String label, int m, int n, int k, ModLayout layout,
      GPUBuffer a, GPUBuffer modv, GPUBuffer out) {
    MatmulKernel kernel = new MatmulKernel(w.format(), pro, epi);
    return kernel.bind(gpu, p.matmul(kernel), label, m, n, k, layout, a, w.weights(), w.scales(), w.groupSize(), w.bias(),
        modv, out);
  }

  /**
   * Compiles every pipeline the model needs (cached per device), then builds the engine in
   * slices, one task each (see {@link #slices}).
   */
  public static Promise<DiTEngine> create(Gpu gpu, WeightFile wf, int images, boolean guided) {
    if (images <= 0) {
      return Promise.reject(new IllegalArgumentException("engine: images must be positive, got " + images));
    }
    return Pipelines.compile(gpu, wf).then(p -> {
      DiTEngine engine = new DiTEngine(gpu, wf, images, guided, p);
      return engine.build(engine.slices(wf.tensors()), 0);
    });
  }

  /**
   * What each task of the build did, in order: "buffers", "embedders", then the layer of each
   * task ("blocks.0.adaLN_modulation", "blocks.0.attn.qkv", ..., "blocks.4.skip_linear", ...,
   * "final_layer.linear").
   */
  public List<String> buildTasks() {
    return Collections.unmodifiableList(buildTasks);
  }

  /**
   * Generates one image per seed. labels: one category (or the null label) per image. Frames hold
   * the x0 prediction after every step; finalImages (for tests) the final float images. Guidance
   * cfgScale applies on the steps whose t lies in {@code guidance}.
   */
  public Promise<Generation> generate(int[] imageSeeds, int[] imageLabels, SamplerKind sampler, int steps, float cfgScale,
      GuidanceInterval guidance, boolean readFinalImages) {
    return generate(imageSeeds, imageLabels, sampler, steps, cfgScale, guidance, null, 1.0, readFinalImages);
  }

  /**
   * Generates from given starts on the grid from t0 down to 0: a remix passes
   * {@code StartNoise.remix} images and t0 = strength, a morph leg one {@code StartNoise.slerp}
   * frame per image and t0 = 1 (shared/.../sampling/StartNoise.java). start holds images x
   * imageValues floats, or is null for plain generation (the noise kernel draws x_T on the GPU).
   */
  public Promise<Generation> generate(int[] imageSeeds, int[] imageLabels, SamplerKind sampler, int steps, float cfgScale,
      GuidanceInterval guidance, float[] start, double t0, boolean readFinalImages) {
    if (start != null && start.length != images * config.imageValues()) {
      return Promise.reject(new IllegalArgumentException("start has " + start.length + " values, the engine's "
          + images + " images need " + images * config.imageValues()));
    }
    if (!(t0 > 0 && t0 <= 1)) {
      return Promise.reject(new IllegalArgumentException("start time t0 must be in (0, 1], got " + t0));
    }
    if (imageSeeds.length != images || imageLabels.length != images) {
      return Promise.reject(new IllegalArgumentException("engine built for " + images + " images, got "
          + imageSeeds.length + " seeds and " + imageLabels.length + " labels"));
    }
    if (cfgScale != 1f && !guided) {
      return Promise.reject(new IllegalArgumentException("engine built without guidance, got guidance " + cfgScale));
    }
    if (steps < 1) {
      return Promise.reject(new IllegalArgumentException("steps must be at least 1, got " + steps));
    }
    DiTConfig c = config;
    double uploadedBefore = gpu.bytesUploaded();
    int[] rowLabels = new int[rows];
    for (int i = 0; i < images; i++) {
      if (imageLabels[i] < 0 || imageLabels[i] > c.nullLabel()) {
        return Promise.reject(new IllegalArgumentException("label " + imageLabels[i] + " is outside [0, " + c.nullLabel() + "]"));
      }
      rowLabels[i] = imageLabels[i];
      if (guided) {
        rowLabels[images + i] = c.nullLabel();
      }
    }
    gpu.write(seeds, 0, Gpu.words(imageSeeds));
    gpu.write(labels, 0, Gpu.words(rowLabels));
    gpu.write(genUniform, 0, FinalStepKernel.packGen(images, guided, c.channels(), c.imageSize(), c.patchSize(), cfgScale));
    if (guided) {
      gpu.write(genCondUniform, 0, FinalStepKernel.packGen(images, false, c.channels(), c.imageSize(), c.patchSize(), 1f));
    }

    StepCoefficients[] schedule = StepCoefficients.schedule(sampler, steps, t0);
    GPUBuffer stepsAll = gpu.buffer("steps", (double) FinalStepKernel.STEP_BYTES * steps,
        GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    ArrayBuffer stepSlots = FinalStepKernel.stepSlots(steps);
    float[] features = new float[freqDim * steps];
    for (int i = 0; i < steps; i++) {
      FinalStepKernel.packStep(stepSlots, i, schedule[i], i);
      System.arraycopy(Embeddings.timestep((float) schedule[i].t(), freqDim), 0, features, i * freqDim, freqDim);
    }
    gpu.write(stepsAll, 0, new Uint8Array(stepSlots));
    Prelude pre = prelude(steps);
    gpu.write(pre.tfeat, 0, Gpu.floats(features));

    int frameBytes = images * c.imageSize() * c.imageSize() * 4;
    if (framesCapacity < steps) {
      if (frames != null) {
        gpu.release(frames);
      }
      frames = gpu.storage("frames", (double) frameBytes * steps);
      framesCapacity = steps;
      rgba = p.rgba.bind(gpu, p.rgbaPipeline, images, c.imageSize(), stepUniform, x0[0], frames);
      rgbaOdd = p.rgba.bind(gpu, p.rgbaPipeline, images, c.imageSize(), stepUniform, x0[1], frames);
    }

    int dispatches = 0;
    int forwards = 0;
    double modBytes = 4.0 * rows * modStride;
    GPUCommandEncoder enc = gpu.device.createCommandEncoder();
    if (start != null) {
      gpu.write(x, 0, Gpu.floats(start)); // queued before this submit, so the loop reads it
    }
    GPUComputePassEncoder pass = enc.beginComputePass();
    if (start == null) {
      noise.encode(pass);
      dispatches++;
    }
    for (Dispatch d : pre.dispatches) {
      d.encode(pass);
      dispatches++;
    }
    pass.end();
    for (int i = 0; i < steps; i++) {
      enc.copyBufferToBuffer(stepsAll, (double) FinalStepKernel.STEP_BYTES * i, stepUniform, 0, FinalStepKernel.STEP_BYTES);
      enc.copyBufferToBuffer(pre.modAll, modBytes * i, mod, 0, modBytes);
      pass = enc.beginComputePass();
      boolean guidedStep = guidance.guidedStep(schedule[i].t(), cfgScale);
      forwards += guidedStep ? 2 : 1;
      for (StepCommand command : (guidedStep ? allEntries : condEntries).forStep(i)) {
        if (command.dispatch != null) {
          command.dispatch.encode(pass);
          dispatches++;
        } else {
          pass.end();
          enc.copyBufferToBuffer(command.from, 0, command.to, 0, command.bytes);
          pass = enc.beginComputePass();
        }
      }
      (i % 2 == 0 ? rgba : rgbaOdd).encode(pass);
      dispatches++;
      pass.end();
    }
    double framesBytes = (double) frameBytes * steps;
    double finalBytes = readFinalImages ? 4.0 * images * c.imageValues() : 0;
    GPUBuffer staging = gpu.device.createBuffer(GPUBufferDescriptor.create("generation readback",
        framesBytes + finalBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST));
    enc.copyBufferToBuffer(frames, 0, staging, 0, framesBytes);
    if (readFinalImages) {
      enc.copyBufferToBuffer(x, 0, staging, framesBytes, finalBytes);
    }
    gpu.device.getQueue().submit(new GPUCommandBuffer[] {enc.finish()});
    int totalDispatches = dispatches;
    int totalForwards = forwards;
    double uploaded = gpu.bytesUploaded() - uploadedBefore;
    return staging.mapAsync(GPUMapMode.READ).then(ignored -> {
      ArrayBuffer copy = staging.getMappedRange().slice(0);
      staging.unmap();
      staging.destroy();
      gpu.release(stepsAll);
      Uint8ClampedArray frameData = new Uint8ClampedArray(copy, 0, (int) framesBytes);
      float[] finals = null;
      if (readFinalImages) {
        Float32Array f = new Float32Array(copy, (int) framesBytes, images * c.imageValues());
        finals = new float[images * c.imageValues()];
        for (int i = 0; i < finals.length; i++) {
          finals[i] = f.getAt(i).floatValue();
        }
      }
      WorkProfile profile = new WorkProfile(totalDispatches, totalForwards, 1, 1, uploaded, framesBytes + finalBytes,
          gpu.bytesHeld(), gpu.pipelines.built(), gpu.softwareAdapter);
      return Promise.resolve(new Generation(images, steps, c.imageSize(), frameData, finals, profile));
    });
  }

  /** Dispatches in one step: 3, plus 5 per DiTBlock, plus 1 per long skip, plus the frame. */
  public int dispatchesPerStep() {
    int dispatches = 1;
    for (StepCommand command : allEntries.even) {
      dispatches += command.dispatch != null ? 1 : 0;
    }
    return dispatches;
  }

  /** Buffer copies in one step: 2 per long skip (the source's output kept, h moved for the fused matmul). */
  public int copiesPerStep() {
    int copies = 0;
    for (StepCommand command : allEntries.even) {
      copies += command.dispatch == null ? 1 : 0;
    }
    return copies;
  }

  /** Dispatches before the loop, once per generation: the noise (none with a given start) and the 4 of the prelude. */
  public static final int DISPATCHES_BEFORE_LOOP = 5;
}
