package com.webdit.it;

import com.webdit.server.render.CpuRenderer;
import com.webdit.server.render.FastDiT;
import com.webdit.shared.icon.FaviconPack;
import com.webdit.shared.icon.IconPixels;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.Pixels;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.Sampler;
import com.webdit.shared.sampling.SamplerKind;
import com.webdit.shared.sampling.StartNoise;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's strips of the living-favicon features, drawn from a shipped weight file by the
 * server's CPU path (FastDiT, within the engine's parity bound of the reference) with exactly the
 * starts the embed and the demo use (StartNoise):
 *
 *   mvn -q -pl integration-tests test-compile exec:java -Dexec.mainClass=com.webdit.it.Strips \
 *        -Dexec.args="--weights weights/webdit-small-f16-HASH.safetensors --out docs/strips [--category food] [--seed 42]"
 *
 * remix.png: a site's icon (a procedurally drawn logo: a red disc with a leaf), then rows of
 * variations at strengths 0.3, 0.5, 0.7 for four seeds. morph.png: two legs of the walk seed ->
 * seed + 1 -> seed + 2, one row per leg. pack.png: one favicon at the pack's sizes (16, 32, and
 * the 180 px apple-touch icon) as FaviconPack makes them.
 */
public final class Strips {
  static final double[] STRENGTHS = {0.3, 0.5, 0.7};
  static final int VARIATIONS = 4;
  static final int MORPH_LEGS = 2;

  public static void main(String[] args) throws Exception {
    Path weights = null;
    Path out = Path.of("docs/strips");
    String category = "food";
    int seed = 42;
    int steps = Limits.DEFAULT_STEPS;
    float cfg = (float) Limits.DEFAULT_CFG;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--weights" -> weights = Path.of(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--category" -> category = args[i + 1];
        case "--seed" -> seed = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (weights == null) {
      throw new IllegalArgumentException("--weights FILE is required");
    }
    WeightFile wf = WeightFile.open(Files.readAllBytes(weights));
    DiTConfig c = wf.config();
    int label = wf.categories().label(category);
    if (label < 0) {
      throw new IllegalArgumentException("no category \"" + category + "\" in " + wf.categories().describe());
    }
    FastDiT fast = new FastDiT(wf);
    FastDiT.Workspace ws = fast.workspace(1);
    int values = c.imageValues();
    Sampler sampler = new Sampler((x, t, y) -> {
      float[][] v = new float[1][values];
      fast.forward(new float[][] {x}, new float[] {t}, new int[] {y}, 1, v, ws);
      return v[0];
    }, values, c.nullLabel());
    SamplerKind kind = Limits.DEFAULT_SAMPLER;
    int size = c.imageSize();
    Files.createDirectories(out);

    float[] logo = logo(size);
    List<List<BufferedImage>> remixRows = new ArrayList<>();
    for (double strength : STRENGTHS) {
      List<BufferedImage> row = new ArrayList<>();
      row.add(CpuRenderer.image(logo, size));
      for (int j = 0; j < VARIATIONS; j++) {
        SampleRequest req = new SampleRequest(seed + j, label, kind, steps, cfg, Limits.DEFAULT_GUIDANCE);
        row.add(CpuRenderer.image(sampler.sample(req, StartNoise.remix(seed + j, logo, strength), strength, null), size));
      }
      remixRows.add(row);
    }
    Files.write(out.resolve("remix.png"), CpuRenderer.png(SampleGrid.grid(remixRows, 3)));

    int frames = Limits.MORPH_FRAMES_PER_LEG;
    List<List<BufferedImage>> morphRows = new ArrayList<>();
    for (int leg = 0; leg < MORPH_LEGS; leg++) {
      float[] starts = StartNoise.morphLeg(seed + leg, frames, values);
      List<BufferedImage> row = new ArrayList<>();
      for (int j = 0; j < frames; j++) {
        float[] start = java.util.Arrays.copyOfRange(starts, j * values, (j + 1) * values);
        SampleRequest req = new SampleRequest(seed + leg, label, kind, steps, cfg, Limits.DEFAULT_GUIDANCE);
        row.add(CpuRenderer.image(sampler.sample(req, start, 1.0, null), size));
      }
      morphRows.add(row);
    }
    Files.write(out.resolve("morph.png"), CpuRenderer.png(SampleGrid.grid(morphRows, 2)));

    BufferedImage icon = morphRows.get(0).get(0);
    int[] argb = icon.getRGB(0, 0, size, size, null, 0, size);
    Files.write(out.resolve("pack.png"), CpuRenderer.png(pack(argb, size)));
    System.out.println("wrote remix.png, morph.png and pack.png to " + out + " (" + category + ", seed " + seed + ", "
        + kind.wireName + " " + steps + " steps, cfg " + cfg + ")");
  }

  /** A stand-in for a site's own logo: a red disc with a green leaf on transparency, in model space. */
  static float[] logo(int size) {
    int[] rgba = new int[size * size * 4];
    double r = size * 0.36;
    double cx = size / 2.0;
    double cy = size / 2.0 + 2;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int p = (y * size + x) * 4;
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double lx = x + 0.5 - (cx + 4);
        double ly = y + 0.5 - (cy - r - 1);
        if (dx * dx + dy * dy < r * r) {
          rgba[p] = 220;
          rgba[p + 1] = 40;
          rgba[p + 2] = 40;
          rgba[p + 3] = 255;
        } else if (lx * lx / 16 + ly * ly / 4 < 1) {
          rgba[p] = 40;
          rgba[p + 1] = 170;
          rgba[p + 2] = 60;
          rgba[p + 3] = 255;
        }
      }
    }
    return Pixels.fromRgba8(rgba, size);
  }

  /** The favicon at the pack's sizes (FaviconPack: 16, 32, the apple-touch icon), side by side, bottom-aligned. */
  static BufferedImage pack(int[] argb32, int size) {
    int small = FaviconPack.SMALL;
    int touch = FaviconPack.TOUCH;
    int[] smallPixels = IconPixels.downscale(argb32, size, small);
    int[] touchPixels = IconPixels.upscaleOnto(argb32, size, touch, FaviconPack.TOUCH_BACKGROUND);
    int pad = 8;
    BufferedImage out = new BufferedImage(pad + small + pad + size + pad + touch + pad, touch + 2 * pad,
        BufferedImage.TYPE_INT_ARGB);
    int x = pad;
    out.setRGB(x, pad + touch - small, small, small, smallPixels, 0, small);
    x += small + pad;
    out.setRGB(x, pad + touch - size, size, size, argb32, 0, size);
    x += size + pad;
    out.setRGB(x, pad, touch, touch, touchPixels, 0, touch);
    return out;
  }
}
