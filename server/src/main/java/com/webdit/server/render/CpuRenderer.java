package com.webdit.server.render;

import com.webdit.shared.model.DiT;
import com.webdit.shared.sampling.Pixels;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Favicons drawn by the Java CPU reference: the shipped path, without a GPU. */
public final class CpuRenderer {
  private final DiT model;
  private final Sampler sampler;

  public CpuRenderer(DiT model) {
    this.model = model;
    this.sampler = new Sampler(model::forward, model.config().imageValues(), model.config().nullLabel());
  }

  public DiT model() {
    return model;
  }

  /** The image as an ARGB BufferedImage (straight alpha), exactly the pixels the client shows. */
  public BufferedImage render(SampleRequest request) {
    int size = model.config().imageSize();
    int[] rgba = Pixels.toRgba8(sampler.sample(request), size);
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
