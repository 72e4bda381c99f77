package com.webdit.server.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.model.DiT;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.fixtures.Compare;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.GuidanceInterval;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Whole favicons from the fast path (FastDiT batched by BatchRenderer) against the reference path
 * (shared's DiT and Sampler, what /api/favicon.png drew before): the sampled images within the
 * engine's parity bound (EngineParityTest's 2e-3), and the PNGs' pixels within one 8-bit step
 * (rounding at a .5 boundary may go either way). Requests rendered concurrently, and so batched
 * into shared passes, give exactly what each gives alone.
 */
class FastRendererParityTest {
  static final double MAX_DIFF = 2e-3;

  private static WeightFile shippedF16() {
    for (Path p : RandomModels.shipped()) {
      if (p.getFileName().toString().contains("-f16-")) {
        return RandomModels.open(p);
      }
    }
    throw new IllegalStateException("no fp16 weight file in ../weights");
  }

  @Test
  void faviconsMatchTheReferencePathForEverySampler() throws Exception {
    WeightFile wf = shippedF16();
    int nullLabel = wf.config().nullLabel();
    SampleRequest[] cases = {
        new SampleRequest(0, 0, SamplerKind.DPMPP_2M, 12, 3f, GuidanceInterval.EVERY_STEP),   // guidance on every step
        new SampleRequest(1, 5, Limits.DEFAULT_SAMPLER, Limits.DEFAULT_STEPS, (float) Limits.DEFAULT_CFG,
            Limits.DEFAULT_GUIDANCE),                                                           // the favicon default
        new SampleRequest(2, 6, SamplerKind.DDPM, 6, 4f, new GuidanceInterval(0.2, 0.7)),    // cond-only steps at both ends
        new SampleRequest(7, 4, SamplerKind.DDIM, 4, 2f, GuidanceInterval.EVERY_STEP),
        new SampleRequest(-5, 2, SamplerKind.DDPM, 4, 3f, GuidanceInterval.EVERY_STEP),      // seed 2^32 - 5; DDPM adds noise each step
        new SampleRequest(3, nullLabel, SamplerKind.DPMPP_2M, 3, 3f, GuidanceInterval.EVERY_STEP), // unconditional: one pass
        new SampleRequest(9, 8, SamplerKind.DDIM, 3, 1f, GuidanceInterval.EVERY_STEP),        // w = 1: one pass
    };
    try (CpuRenderer ref = new CpuRenderer(new DiT(wf)); CpuRenderer fast = CpuRenderer.fast(wf, 2)) {
      for (SampleRequest req : cases) {
        float[] want = ref.sample(req);
        float[] got = fast.sample(req);
        String report = Compare.mismatches(req.toString(), want, got, MAX_DIFF, 0);
        assertNull(report, report);
        int[] a = pixels(CpuRenderer.png(ref.render(req)));
        int[] b = pixels(CpuRenderer.png(fast.render(req)));
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
          for (int shift = 0; shift < 32; shift += 8) {
            worst = Math.max(worst, Math.abs(((a[i] >>> shift) & 0xff) - ((b[i] >>> shift) & 0xff)));
          }
        }
        assertTrue(worst <= 1, req + ": PNG channels differ by " + worst + " (8-bit steps)");
        System.out.println(req + ": max |fast - ref| = " + Compare.maxAbsDiff(want, got) + ", PNG channels differ by <= " + worst);
      }
    }
  }

  @Test
  void concurrentRequestsShareAPassAndGetTheirOwnImages() throws Exception {
    WeightFile wf = shippedF16();
    List<SampleRequest> reqs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Different intervals in one batch: on some steps a request brings two passes, on others one.
      reqs.add(new SampleRequest(100 + i, i % 3, i % 2 == 0 ? SamplerKind.DPMPP_2M : SamplerKind.DDPM, 2 + i % 3,
          i == 5 ? 1f : 3f, i % 3 == 1 ? new GuidanceInterval(0.3, 0.9) : GuidanceInterval.EVERY_STEP));
    }
    List<float[]> alone = new ArrayList<>();
    try (CpuRenderer solo = CpuRenderer.fast(wf, 1)) {
      for (SampleRequest r : reqs) {
        alone.add(solo.sample(r));
      }
    }
    BatchRenderer batch = new BatchRenderer(new FastDiT(wf), 2);
    ExecutorService clients = Executors.newFixedThreadPool(reqs.size());
    try {
      List<Future<float[]>> together = new ArrayList<>();
      for (SampleRequest r : reqs) {
        together.add(clients.submit(() -> batch.sample(r)));
      }
      for (int i = 0; i < reqs.size(); i++) {
        assertArrayEquals(alone.get(i), together.get(i).get(), reqs.get(i) + " differs when batched");
      }
    } finally {
      clients.shutdownNow();
      batch.close();
    }
    assertTrue(batch.images() > batch.passes(), "no pass held more than one image: " + batch.images() + " images in "
        + batch.passes() + " passes");
  }

  private static int[] pixels(byte[] png) throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }
}
