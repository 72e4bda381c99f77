package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUComputePipeline;

/**
 * wgsl/matmul.wgsl: out = epilogue(prologue(a) . w^T + bias), with w (N, K) packed fp16, int8 or
 * int4.
 * One instance per (weight format, prologue, epilogue); the tile sizes are the kernel's
 * override defaults unless given.
 */
public final class MatmulKernel extends Kernel {

  /*
   * The variants by name. The WGSL compares its overrides against named constants
   * (PROLOGUE == PROLOGUE_PATCHIFY) that the preamble below generates from these enums, so the
   * numbers exist only here; renaming a constant on one side fails compilation in the kernel tests.
   */
  public enum WeightFormat { F16, I8, I4 }

  public enum Prologue { NONE, LAYER_NORM_MODULATE, PATCHIFY, CONCAT }

  public enum Epilogue { BIAS, GELU, SILU, GATED_RESIDUAL, POSITIONAL }

  static final UniformStruct PARAMS = new UniformStruct("Params")
      .u32("M").u32("N").u32("K")
      .u32("rows_per_batch", "rows sharing one conditioning vector (tokens per image)")
      .u32("mod_stride", "floats between consecutive batch entries of `modv`")
      .u32("shift_offset", "where shift / scale / gate start inside one entry")
      .u32("scale_offset")
      .u32("gate_offset")
      .u32("patch_size", "PROLOGUE_PATCHIFY: patch size p and grid G (image side S = p * G)")
      .u32("grid")
      .u32("images", "PROLOGUE_PATCHIFY: distinct images in the batch (entry b reads image b % images)")
      .u32("group_size", "WEIGHT_I4: values per scale along k");

  private static final String PREAMBLE = preamble();

  private static String preamble() {
    StringBuilder sb = new StringBuilder();
    for (WeightFormat f : WeightFormat.values()) {
      sb.append(constU32("WEIGHT_" + f.name(), f.ordinal()));
    }
    for (Prologue p : Prologue.values()) {
      sb.append(constU32("PROLOGUE_" + p.name(), p.ordinal()));
    }
    for (Epilogue e : Epilogue.values()) {
      sb.append(constU32("EPILOGUE_" + e.name(), e.ordinal()));
    }
    return sb.append(PARAMS.wgsl()).toString();
  }

  /**
   * Where the adaLN vectors of batch entry b sit in the modulation buffer; for PATCHIFY, patch
   * and grid give the image geometry (rowsPerBatch = grid * grid tokens).
   */
  public record ModLayout(int rowsPerBatch, int stride, int shiftOffset, int scaleOffset, int gateOffset, int patch,
      int grid, int images) {
    public static final ModLayout NONE = new ModLayout(1, 0, 0, 0, 0, 0, 0, 1);

    /** adaLN vectors: shift / scale (prologue) or gate (epilogue) of each batch entry, stride floats apart. */
    public static ModLayout adaLN(int rowsPerBatch, int stride, int shiftOffset, int scaleOffset, int gateOffset) {
      return new ModLayout(rowsPerBatch, stride, shiftOffset, scaleOffset, gateOffset, 0, 0, 1);
    }

    /**
     * Patch embedding of a batch over {@code images} images: entry b reads image b % images, so a
     * guided batch (every image's cond entry, then every image's uncond entry) reads each image twice.
     */
    public static ModLayout patchify(int patch, int grid, int images) {
      return new ModLayout(grid * grid, 0, 0, 0, 0, patch, grid, images);
    }
  }

  public final WeightFormat format;
  public final Prologue prologue;
  public final Epilogue epilogue;
  private final int tileM;
  private final int tileN;
  private final int tileK;

  public MatmulKernel(WeightFormat format, Prologue prologue, Epilogue epilogue) {
    this(format, prologue, epilogue, 32, 32, 16);
  }

  public MatmulKernel(WeightFormat format, Prologue prologue, Epilogue epilogue, int tileM, int tileN, int tileK) {
    super("matmul", PREAMBLE);
    if (tileM % 2 != 0 || tileN % 2 != 0 || (tileM / 2) * (tileN / 2) > 256) {
      throw new IllegalArgumentException("matmul: tiles " + tileM + "x" + tileN
          + " need even sides and at most 256 invocations ((tileM/2) * (tileN/2))");
    }
    this.format = format;
    this.prologue = prologue;
    this.epilogue = epilogue;
    this.tileM = tileM;
    this.tileN = tileN;
    this.tileK = tileK;
    override("TILE_M", tileM);
    override("TILE_N", tileN);
    override("TILE_K", tileK);
    override("WEIGHT_FORMAT", format.ordinal());
    override("PROLOGUE", prologue.ordinal());
    override("EPILOGUE", epilogue.ordinal());
  }

  /** The variant by name, for messages: {@code matmul|F16|NONE|BIAS|32x32x16}. */
  @Override
  public String toString() {
    return file() + "|" + format + "|" + prologue + "|" + epilogue + "|" + tileM + "x" + tileN + "x" + tileK;
  }

  /** Checks the shape against the weight packing, with the numbers in the message. */
  public void checkShape(int m, int n, int k, int groupSize) {
    if (m <= 0 || n <= 0 || k <= 0) {
      throw new IllegalArgumentException("matmul: M, N, K must be positive, got " + m + ", " + n + ", " + k);
    }
    if (format == WeightFormat.I4) {
      // Words may straddle rows (the kernel indexes n * K + k); a scale group may not.
      if (groupSize <= 0 || groupSize % 2 != 0 || k % groupSize != 0) {
        throw new IllegalArgumentException("matmul: K = " + k + " must be a multiple of the int4 group size "
            + groupSize + ", itself even and positive");
      }
      return;
    }
    int multiple = format == WeightFormat.F16 ? 2 : 4;
    if (k % multiple != 0) {
      throw new IllegalArgumentException("matmul: K = " + k + " must be a multiple of " + multiple
          + " for " + format + " weights (rows are packed " + multiple + " to a u32)");
    }
  }

  /**
   * Binds buffers for one (M, N, K) problem. scales: per-row int8 scales, or int4 scales of
   * {@code groupSize} consecutive values of a row each, row-major [N, K / groupSize] (null for F16;
   * groupSize is read for I4 only); modv: adaLN vectors (null when neither the prologue nor the
   * epilogue reads them; for CONCAT, the right half of every row).
   */
  public Dispatch bind(Gpu gpu, GPUComputePipeline pipeline, String label, int m, int n, int k, ModLayout mod,
      GPUBuffer a, GPUBuffer weights, GPUBuffer scales, int groupSize, GPUBuffer bias, GPUBuffer modv, GPUBuffer out) {
    checkShape(m, n, k, groupSize);
    boolean needsMod = prologue == Prologue.LAYER_NORM_MODULATE || prologue == Prologue.CONCAT
        || epilogue == Epilogue.GATED_RESIDUAL || epilogue == Epilogue.POSITIONAL;
    if (prologue == Prologue.CONCAT && k % 2 != 0) {
      throw new IllegalArgumentException("matmul " + label + ": CONCAT needs an even K (two halves), got " + k);
    }
    if (prologue == Prologue.PATCHIFY && (mod.patch() <= 0 || k % (mod.patch() * mod.patch()) != 0)) {
      throw new IllegalArgumentException("matmul " + label + ": K = " + k + " is not channels * patch^2 for patch "
          + mod.patch());
    }
    if (needsMod && modv == null) {
      throw new IllegalArgumentException("matmul " + label + ": " + prologue + "/" + epilogue
          + (prologue == Prologue.CONCAT ? " needs the right half's buffer" : " needs adaLN vectors"));
    }
    if (format != WeightFormat.F16 && scales == null) {
      throw new IllegalArgumentException("matmul " + label + ": " + format + " weights need their scales");
    }
    GPUBuffer params = gpu.uniformWords(label + " params", PARAMS.values().u32("M", m).u32("N", n).u32("K", k)
        .u32("rows_per_batch", mod.rowsPerBatch()).u32("mod_stride", mod.stride())
        .u32("shift_offset", mod.shiftOffset()).u32("scale_offset", mod.scaleOffset())
        .u32("gate_offset", mod.gateOffset()).u32("patch_size", mod.patch()).u32("grid", mod.grid())
        .u32("images", mod.images()).u32("group_size", format == WeightFormat.I4 ? groupSize : 0).words());
    return new Dispatch(label, pipeline, gpu.bind(label, pipeline, params, a, weights,
        scales == null ? gpu.dummy() : scales, bias, modv == null ? gpu.dummy() : modv, out),
        (n + tileN - 1) / tileN, (m + tileM - 1) / tileM, 1, params);
  }
}
