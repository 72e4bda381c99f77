package com.webdit.client;

import com.webdit.client.engine.DiTEngine;
import com.webdit.client.engine.Generation;
import com.webdit.client.kernels.Gpu;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.rng.Gaussian;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.core.Uint8ClampedArray;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.ImageData;
import elemental2.promise.Promise;
import java.util.HashMap;
import java.util.Map;
import jsinterop.base.Js;

/**
 * The demo: find the GPU, download and verify the model, then generate favicons in a loop. Each
 * generation runs entirely on the GPU in one submit; its frames (the x0 prediction after every
 * step) then play on the preview canvas and in the tab's icon at FPS frames per second. No GPU
 * work while the tab is hidden; with prefers-reduced-motion only finished images are shown.
 */
final class DemoApp {
  static final int FPS = 12;

  private final DemoPage page = new DemoPage();
  private final FaviconPainter favicon = new FaviconPainter(page.preview);
  private final Map<String, DiTEngine> engines = new HashMap<>();
  private Gpu gpu;
  private WeightFile weights;
  private boolean looping = true;
  private boolean busy;
  private boolean failed;
  private double pendingTimer = -1;

  void start() {
    page.readUrl();
    page.shareUrl();
    page.showStatus("loading", "Looking for WebGPU…");
    page.generate.addEventListener("click", e -> generateNow());
    page.galleryButton.addEventListener("click", e -> gallery());
    page.loop.addEventListener("click", e -> toggleLoop());
    DomGlobal.document.addEventListener("visibilitychange", e -> {
      if (!hidden() && looping && !busy && weights != null) {
        schedule(0);
      }
    });
    GpuContext.create(this::fail).then(ctx -> {
      gpu = new Gpu(ctx.device);
      page.showAdapter(ctx.describeAdapter(), ctx.shaderF16);
      page.showStatus("loading", "Fetching the model list…");
      return DomGlobal.fetch(ServerBase.url("api/models")).then(r -> r.text());
    }).then(manifest -> {
      String preferred = "i8".equals(DemoPage.urlParam("weights")) ? "i8" : "f16";
      ModelChoice choice = ModelChoice.pick(manifest, preferred, gpu.device.getLimits().getMaxStorageBufferBindingSize());
      page.showModel(choice.name() + " (" + choice.dtype() + ", " + Math.round(choice.bytes() / 1024) + " KiB, sha256 "
          + choice.sha256().substring(0, 12) + "…)");
      page.showStatus("loading", "Downloading the " + choice.name() + " model…");
      return WeightDownload.fetchVerified(ServerBase.url(choice.url()), choice.bytes(), choice.sha256(), page::showProgress);
    }).then(bytes -> {
      weights = WeightFile.open(bytes);
      page.enableControls(true);
      page.showStatus("loading", "Compiling kernels…");
      schedule(0);
      return Promise.resolve((Object) null);
    }).catch_(error -> {
      fail(error instanceof GpuUnavailableException g ? g
          : new GpuUnavailableException("gpu-error", "Unexpected failure: " + String.valueOf(error)));
      return null;
    });
  }

  private static boolean hidden() {
    return "hidden".equals(DomGlobal.document.visibilityState);
  }

  private static boolean reducedMotion() {
    return DomGlobal.window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  private void toggleLoop() {
    looping = !looping;
    page.loop.textContent = looping ? "Stop loop" : "Start loop";
    if (looping && !busy) {
      schedule(0);
    }
  }

  private void schedule(double delayMs) {
    if (pendingTimer >= 0) {
      DomGlobal.clearTimeout(pendingTimer);
    }
    pendingTimer = DomGlobal.setTimeout(ignored -> {
      pendingTimer = -1;
      if (!hidden() && !busy && !failed) {
        generateNow();
      }
    }, delayMs);
  }

  private Promise<DiTEngine> engine(int images, boolean guided) {
    String key = images + "|" + guided;
    DiTEngine e = engines.get(key);
    if (e != null) {
      return Promise.resolve(e);
    }
    return DiTEngine.create(gpu, weights, images, guided).then(created -> {
      engines.put(key, created);
      return Promise.resolve(created);
    });
  }

  private void generateNow() {
    if (busy || weights == null || failed) {
      return;
    }
    busy = true;
    int seed = page.intValue(page.seed, 42, 0, Integer.MAX_VALUE);
    int label = page.categoryValue(weights.config().nullLabel());
    SamplerKind sampler = SamplerKind.named(page.sampler.value);
    int steps = page.intValue(page.steps, 12, 1, 100);
    float cfg = (float) page.numberValue(page.cfg, 3.0, 0, 20);
    page.shareUrl();
    double started = DomGlobal.performance.now();
    engine(1, cfg != 1f).then(e -> e.generate(new int[] {seed}, new int[] {label}, sampler, steps, cfg, false))
        .then(gen -> {
          double ms = DomGlobal.performance.now() - started;
          page.showProfile(gen.profile.summary() + "; " + steps + " steps in " + Math.round(ms) + " ms ("
              + Math.round(steps * 10000.0 / ms) / 10.0 + " steps/s incl. readback)", gen.profile.dispatches());
          page.showStatus("ok", "Seed " + seed + ": generated on your GPU in " + Math.round(ms) + " ms.");
          return play(gen, 0);
        }).then(ignored -> {
          busy = false;
          page.countGeneration();
          page.finished("ready");
          if (looping) {
            page.seed.value = String.valueOf(seed + 1 < 0 ? 0 : seed + 1);
            schedule(1000 * page.numberValue(page.pause, 2, 0, 600));
          }
          return null;
        }).catch_(error -> {
          busy = false;
          fail(error instanceof GpuUnavailableException g ? g
              : new GpuUnavailableException("gpu-error", "Generation failed: " + String.valueOf(error)));
          return null;
        });
  }

  /** Shows the frames of image 0 at FPS; only the last one with prefers-reduced-motion. */
  private Promise<Object> play(Generation gen, int image) {
    if (reducedMotion()) {
      page.showStep(gen.steps, gen.steps);
      favicon.paint(gen.frame(gen.steps - 1, image));
      return Promise.resolve((Object) null);
    }
    return new Promise<>((resolve, reject) -> playFrame(gen, image, 0, () -> resolve.onInvoke((Object) null)));
  }

  private void playFrame(Generation gen, int image, int k, Runnable done) {
    page.showStep(k + 1, gen.steps);
    favicon.paint(gen.frame(k, image));
    if (k + 1 >= gen.steps) {
      done.run();
      return;
    }
    DomGlobal.setTimeout(ignored -> playFrame(gen, image, k + 1, done), 1000.0 / FPS);
  }

  /** One favicon per category, all in one GPU pass, drawn as a 3 x 3 grid. */
  private void gallery() {
    if (busy || weights == null) {
      return;
    }
    busy = true;
    int n = weights.config().numClasses();
    int seed = page.intValue(page.seed, 42, 0, Integer.MAX_VALUE);
    int[] seeds = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = seed + i;
      labels[i] = i;
    }
    SamplerKind sampler = SamplerKind.named(page.sampler.value);
    int steps = page.intValue(page.steps, 12, 1, 100);
    float cfg = (float) page.numberValue(page.cfg, 3.0, 0, 20);
    double started = DomGlobal.performance.now();
    engine(n, cfg != 1f).then(e -> e.generate(seeds, labels, sampler, steps, cfg, false)).then(gen -> {
      double ms = DomGlobal.performance.now() - started;
      page.gallery.classList.add("shown");
      CanvasRenderingContext2D ctx = Js.uncheckedCast(page.gallery.getContext("2d"));
      int size = gen.size;
      int cols = 3;
      page.gallery.width = cols * size;
      page.gallery.height = ((n + cols - 1) / cols) * size;
      for (int i = 0; i < n; i++) {
        ImageData img = ctx.createImageData(size, size);
        Uint8ClampedArray frame = gen.frame(gen.steps - 1, i);
        img.data.set(frame);
        ctx.putImageData(img, (i % cols) * size, (i / cols) * size);
      }
      page.showProfile(gen.profile.summary() + "; gallery of " + n + " in " + Math.round(ms) + " ms",
          gen.profile.dispatches());
      busy = false;
      DomGlobal.document.body.setAttribute("data-gallery", "ready");
      return null;
    }).catch_(error -> {
      busy = false;
      fail(new GpuUnavailableException("gpu-error", "Gallery failed: " + String.valueOf(error)));
      return null;
    });
  }

  /** The one failure path: say what happened and still give the tab an icon, drawn on the CPU. */
  private void fail(GpuUnavailableException failure) {
    if (failed) {
      return;
    }
    failed = true;
    page.enableControls(false);
    DomGlobal.console.warn("WebDiT: " + failure.kind + ": " + failure.getMessage());
    page.showStatus("error", failure.getMessage());
    float[] image = new float[4 * 32 * 32];
    Gaussian.fill(page.intValue(page.seed, 42, 0, Integer.MAX_VALUE), 0, image);
    favicon.paintModelSpace(image);
    page.finished("no-gpu:" + failure.kind);
  }
}
