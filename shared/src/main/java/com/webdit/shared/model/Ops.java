package com.webdit.shared.model;

/**
 * The DiT's primitive operations on row-major float arrays, written as plain loops. Each one is
 * the reference a WGSL kernel is tested against. Sums accumulate in double so the reference is
 * at least as accurate as any float32 kernel it judges.
 */
public final class Ops {
  public static final float LAYER_NORM_EPS = 1e-6f;
  private static final double GELU_C = Math.sqrt(2.0 / Math.PI);

  private Ops() {}

  /** y[t, n] = b[n] + sum_k x[t, k] * w[n, k]; w is (out, in) as in torch.nn.Linear. */
  public static float[] linear(float[] x, int tokens, int in, float[] w, float[] b, int out) {
    float[] y = new float[tokens * out];
    for (int t = 0; t < tokens; t++) {
      for (int n = 0; n < out; n++) {
        double acc = b == null ? 0.0 : b[n];
        int xo = t * in;
        int wo = n * in;
        for (int k = 0; k < in; k++) {
          acc += (double) x[xo + k] * w[wo + k];
        }
        y[t * out + n] = (float) acc;
      }
    }
    return y;
  }

  /** LayerNorm over the last dimension without affine parameters (adaLN supplies them). */
  public static float[] layerNorm(float[] x, int tokens, int dim) {
    float[] y = new float[x.length];
    for (int t = 0; t < tokens; t++) {
      double mean = 0;
      for (int i = 0; i < dim; i++) {
        mean += x[t * dim + i];
      }
      mean /= dim;
      double var = 0;
      for (int i = 0; i < dim; i++) {
        double d = x[t * dim + i] - mean;
        var += d * d;
      }
      var /= dim;
      double inv = 1.0 / Math.sqrt(var + LAYER_NORM_EPS);
      for (int i = 0; i < dim; i++) {
        y[t * dim + i] = (float) ((x[t * dim + i] - mean) * inv);
      }
    }
    return y;
  }

  /** modulate(x, shift, scale) = x * (1 + scale) + shift, the same vectors for every token. */
  public static float[] modulate(float[] x, int tokens, int dim, float[] shift, float[] scale) {
    float[] y = new float[x.length];
    for (int t = 0; t < tokens; t++) {
      for (int i = 0; i < dim; i++) {
        y[t * dim + i] = (float) ((double) x[t * dim + i] * (1.0 + scale[i]) + shift[i]);
      }
    }
    return y;
  }

  /** x += gate * y, per token, in place. */
  public static void gatedResidual(float[] x, float[] y, int tokens, int dim, float[] gate) {
    for (int t = 0; t < tokens; t++) {
      for (int i = 0; i < dim; i++) {
        x[t * dim + i] = (float) (x[t * dim + i] + (double) gate[i] * y[t * dim + i]);
      }
    }
  }

  /** GELU, tanh approximation (PyTorch's approximate="tanh"): WGSL reproduces it exactly. */
  public static float gelu(float x) {
    double v = x;
    return (float) (0.5 * v * (1.0 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v))));
  }

  public static float silu(float x) {
    return (float) (x / (1.0 + Math.exp(-x)));
  }

  public static float[] gelu(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = gelu(x[i]);
    }
    return y;
  }

  public static float[] silu(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = silu(x[i]);
    }
    return y;
  }

  /**
   * Multi-head self-attention core. qkv is (tokens, 3 * dim) laid out as [q | k | v], each split
   * into heads of headDim; returns softmax(q k^T / sqrt(headDim)) v as (tokens, dim).
   */
  public static float[] attention(float[] qkv, int tokens, int heads, int headDim) {
    int dim = heads * headDim;
    int stride = 3 * dim;
    double scale = 1.0 / Math.sqrt(headDim);
    float[] out = new float[tokens * dim];
    double[] scores = new double[tokens];
    for (int h = 0; h < heads; h++) {
      int qo = h * headDim;
      int ko = dim + h * headDim;
      int vo = 2 * dim + h * headDim;
      for (int i = 0; i < tokens; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < tokens; j++) {
          double s = 0;
          for (int d = 0; d < headDim; d++) {
            s += (double) qkv[i * stride + qo + d] * qkv[j * stride + ko + d];
          }
          scores[j] = s * scale;
          max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < tokens; j++) {
          scores[j] = Math.exp(scores[j] - max);
          sum += scores[j];
        }
        for (int d = 0; d < headDim; d++) {
          double acc = 0;
          for (int j = 0; j < tokens; j++) {
            acc += scores[j] * qkv[j * stride + vo + d];
          }
          out[i * dim + h * headDim + d] = (float) (acc / sum);
        }
      }
    }
    return out;
  }

  /**
   * Cuts a (C, H, W) image into patches: row t = pr * grid + pc holds the patch's values in
   * Conv2d weight order, index c * p * p + dy * p + dx.
   */
  public static float[] patchify(float[] image, int channels, int size, int patch) {
    int grid = size / patch;
    int pd = channels * patch * patch;
    float[] out = new float[grid * grid * pd];
    for (int pr = 0; pr < grid; pr++) {
      for (int pc = 0; pc < grid; pc++) {
        int t = pr * grid + pc;
        for (int c = 0; c < channels; c++) {
          for (int dy = 0; dy < patch; dy++) {
            for (int dx = 0; dx < patch; dx++) {
              int y = pr * patch + dy;
              int x = pc * patch + dx;
              out[t * pd + c * patch * patch + dy * patch + dx] = image[(c * size + y) * size + x];
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The inverse layout of the final layer (DiT's unpatchify): token t's output index
   * (dy * p + dx) * C + c goes to image (c, pr * p + dy, pc * p + dx).
   */
  public static float[] unpatchify(float[] tokens, int channels, int size, int patch) {
    int grid = size / patch;
    int pd = channels * patch * patch;
    float[] image = new float[channels * size * size];
    for (int pr = 0; pr < grid; pr++) {
      for (int pc = 0; pc < grid; pc++) {
        int t = pr * grid + pc;
        for (int dy = 0; dy < patch; dy++) {
          for (int dx = 0; dx < patch; dx++) {
            for (int c = 0; c < channels; c++) {
              int y = pr * patch + dy;
              int x = pc * patch + dx;
              image[(c * size + y) * size + x] = tokens[t * pd + (dy * patch + dx) * channels + c];
            }
          }
        }
      }
    }
    return image;
  }

  /** 3x3 convolution with zero padding 1, weight (Cout, Cin, 3, 3): a same-size (C, H, W) map. */
  public static float[] conv3x3(float[] image, int channels, int size, float[] w, float[] b) {
    float[] out = new float[image.length];
    for (int co = 0; co < channels; co++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double acc = b[co];
          for (int ci = 0; ci < channels; ci++) {
            for (int ky = 0; ky < 3; ky++) {
              int yy = y + ky - 1;
              if (yy < 0 || yy >= size) {
                continue;
              }
              for (int kx = 0; kx < 3; kx++) {
                int xx = x + kx - 1;
                if (xx < 0 || xx >= size) {
                  continue;
                }
                acc += (double) w[((co * channels + ci) * 3 + ky) * 3 + kx] * image[(ci * size + yy) * size + xx];
              }
            }
          }
          out[(co * size + y) * size + x] = (float) acc;
        }
      }
    }
    return out;
  }

  /** Slice [from, from + len) of a vector. */
  public static float[] slice(float[] v, int from, int len) {
    float[] out = new float[len];
    System.arraycopy(v, from, out, 0, len);
    return out;
  }
}
