package com.webdit.it;

import com.webdit.server.render.CpuRenderer;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sample grids drawn by the Java CPU reference from a shipped weight file, so the pictures in
 * docs/ prove the shipped path, not just PyTorch:
 *
 *   mvn -q -pl integration-tests test-compile exec:java -Dexec.mainClass=com.webdit.it.SampleGrid \
 *        -Dexec.args="--weights weights/webdit-small-f16-HASH.safetensors --out docs/samples [--per-category 8]
 *        [--steps 12] [--sampler dpmpp2m] [--cfg 2] [--seed 0] [--scale 3]"
 *
 * Writes grid-<category>.png (one row) for every category and grid-mixed.png (a row each).
 */
public final class SampleGrid {
  public static void main(String[] args) throws Exception {
    Path weights = null;
    Path out = Path.of("docs/samples");
    int perCategory = 8;
    int steps = Limits.DEFAULT_STEPS;
    SamplerKind sampler = Limits.DEFAULT_SAMPLER;
    float cfg = (float) Limits.DEFAULT_CFG;
    int seed = 0;
    int scale = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--weights" -> weights = Path.of(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        case "--per-category" -> perCategory = Integer.parseInt(args[i + 1]);
        case "--steps" -> steps = Integer.parseInt(args[i + 1]);
        case "--sampler" -> sampler = SamplerKind.named(args[i + 1]);
        case "--cfg" -> cfg = Float.parseFloat(args[i + 1]);
        case "--seed" -> seed = Integer.parseInt(args[i + 1]);
        case "--scale" -> scale = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (weights == null) {
      throw new IllegalArgumentException("--weights FILE is required");
    }
    byte[] file = Files.readAllBytes(weights);
    com.webdit.shared.model.WeightFile wf = com.webdit.shared.model.WeightFile.open(file);
    com.webdit.shared.product.Categories names = wf.categories();
    // The server's fast path (tested against the reference within the engine's parity bound):
    // concurrent renders share one batched forward per step.
    CpuRenderer renderer = CpuRenderer.fast(wf, Runtime.getRuntime().availableProcessors());
    int classes = renderer.config().numClasses();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    List<List<Future<BufferedImage>>> rows = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      List<Future<BufferedImage>> row = new ArrayList<>();
      for (int j = 0; j < perCategory; j++) {
        SampleRequest req = new SampleRequest(seed + c * 1000 + j, c, sampler, steps, cfg, Limits.DEFAULT_GUIDANCE);
        row.add(pool.submit(() -> renderer.render(req)));
      }
      rows.add(row);
    }
    Files.createDirectories(out);
    List<List<BufferedImage>> images = new ArrayList<>();
    for (List<Future<BufferedImage>> row : rows) {
      List<BufferedImage> done = new ArrayList<>();
      for (Future<BufferedImage> f : row) {
        done.add(f.get());
      }
      images.add(done);
    }
    pool.shutdown();
    renderer.close();
    for (int c = 0; c < classes; c++) {
      String name = names.name(c); // from the file's metadata (docs/MODEL.md, Labels)
      Files.write(out.resolve("grid-" + name + ".png"), CpuRenderer.png(grid(List.of(images.get(c)), scale)));
    }
    Files.write(out.resolve("grid-mixed.png"), CpuRenderer.png(grid(images, scale)));
    System.out.println("wrote " + (classes + 1) + " grids to " + out + " (" + sampler.wireName + ", " + steps
        + " steps, cfg " + cfg + ", seeds from " + seed + ")");
  }

  /** Rows of images on a light checkerboard (so transparency shows), nearest-neighbour upscaled. */
  static BufferedImage grid(List<List<BufferedImage>> rows, int scale) {
    int size = rows.get(0).get(0).getWidth() * scale;
    int pad = 2 * scale;
    int cols = rows.get(0).size();
    BufferedImage out = new BufferedImage(cols * (size + pad) + pad, rows.size() * (size + pad) + pad,
        BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    int cell = 4 * scale;
    for (int y = 0; y < out.getHeight(); y += cell) {
      for (int x = 0; x < out.getWidth(); x += cell) {
        g.setColor(((x / cell + y / cell) % 2 == 0) ? new Color(0xeeeeee) : Color.WHITE);
        g.fillRect(x, y, cell, cell);
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < rows.get(r).size(); c++) {
        g.drawImage(rows.get(r).get(c), pad + c * (size + pad), pad + r * (size + pad), size, size, null);
      }
    }
    g.dispose();
    return out;
  }
}
