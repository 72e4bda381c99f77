package com.webdit.server.render;

import com.webdit.shared.model.DiT;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.sampling.Pixels;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Favicons drawn on the CPU, without a GPU: the server's fallback for browsers without WebGPU
 * ({@link #fast}: {@link FastDiT} through a {@link BatchRenderer}) or the readable reference
 * ({@link #CpuRenderer(DiT)}: shared's DiT and Sampler, for the sample grids in docs/ and as the
 * oracle the fast path is tested against). Both give the same pixels within rounding.
 */
public final class CpuRenderer implements AutoCloseable {
  /** x_0 for a request; may block (waiting for a batched pass) and be interrupted. */
  private interface Sampling {
    float[] sample(SampleRequest request, float[] start, double t0) throws InterruptedException;
  }

  private final DiTConfig config;
  private final Sampling sampling;
  private final BatchRenderer batch;

  /** The reference path: shared's DiT and Sampler, one thread per render. */
  public CpuRenderer(DiT model) {
    Sampler sampler = new Sampler(model::forward, model.config().imageValues(), model.config().nullLabel());
    this.config = model.config();
    this.sampling = (request, start, t0) -> start == null ? sampler.sample(request)
        : sampler.sample(request, start, t0, null);
    this.batch = null;
  }

  private CpuRenderer(BatchRenderer batch) {
    this.config = batch.model().config();
    this.sampling = batch::sample;
    this.batch = batch;
  }

  /** The fast path: concurrent renders batched into one FastDiT pass per step, on up to {@code threads} threads. */
  public static CpuRenderer fast(WeightFile wf, int threads) {
    return new CpuRenderer(new BatchRenderer(new FastDiT(wf), threads));
  }

  public DiTConfig config() {
    return config;
  }

  /** The sampled image x_0 (C, H, W) in [-1, 1]. */
  public float[] sample(SampleRequest request) throws InterruptedException {
    return sampling.sample(request, null, 1.0);
  }

  /** A remix: x_0 sampled from start (StartNoise.remix) on the grid from t0 down to 0. */
  public float[] sample(SampleRequest request, float[] start, double t0) throws InterruptedException {
    return sampling.sample(request, start, t0);
  }

  /** Stops the fast path's threads (a request still waiting gets a CancellationException). */
  @Override
  public void close() {
    if (batch != null) {
      batch.close();
    }
  }

  /** The image as an ARGB BufferedImage (straight alpha), exactly the pixels the client shows. */
  public BufferedImage render(SampleRequest request) throws InterruptedException {
    return image(sample(request), config.imageSize());
  }

  /** A remix as an ARGB BufferedImage: from start on the grid from t0 down to 0. */
  public BufferedImage render(SampleRequest request, float[] start, double t0) throws InterruptedException {
    return image(sample(request, start, t0), config.imageSize());
  }

  /** A model-space image (C, H, W) as an ARGB BufferedImage (straight alpha). */
  public static BufferedImage image(float[] chw, int size) {
    int[] rgba = Pixels.toRgba8(chw, size);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    for (int p = 0; p < size * size; p++) {
      int argb = (rgba[4 * p + 3] << 24) | (rgba[4 * p] << 16) | (rgba[4 * p + 1] << 8) | rgba[4 * p + 2];
      img.setRGB(p % size, p / size, argb);
    }
    return img;
  }

  public static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
