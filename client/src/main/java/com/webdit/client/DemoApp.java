package com.webdit.client;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.engine.Generation;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo page: the shared {@link Lifecycle} finds the GPU, downloads and verifies the model
 * and compiles the kernels (counted), then favicons are generated in a loop; each generation's
 * frames play on the preview canvas and in the tab's icon. Where the GPU path cannot run (no
 * WebGPU, or a failure {@link Failure#action} sends to the server), the server draws the
 * favicons and every control keeps working. No work while the tab is hidden.
 */
public final class DemoApp implements EntryPoint {
  private final DemoPage page = new DemoPage();
  private final FaviconPainter favicon = new FaviconPainter(page.preview);
  private final Manifest manifest = new Manifest();
  private final ServerFavicons server = new ServerFavicons();
  private final Map<Failure.Cause, Integer> failures = new HashMap<>();
  private Lifecycle lifecycle;
  private boolean onGpu;
  private boolean onServer;
  private boolean looping = true;
  private boolean busy;
  private double pendingTimer = -1;

  @Override
  public void onModuleLoad() {
    ServerBase.setFromScript(DomGlobal.document.currentScript, "demo/demo.js");
    page.readUrl();
    looping = page.loopWanted();
    page.showLooping(looping);
    page.generate.addEventListener("click", e -> generateNow());
    page.galleryButton.addEventListener("click", e -> gallery());
    // The pack is made from the preview canvas, so it works the same for GPU and server favicons.
    page.downloadButton.addEventListener("click", e -> FaviconDownload.save(page.previewPixels()));
    page.loop.addEventListener("click", e -> toggleLoop());
    DomGlobal.document.addEventListener("visibilitychange", e -> {
      if (!hidden() && looping && !busy && (onGpu || onServer)) {
        schedule(0);
      }
    });
    page.showStatus("loading", "Fetching the model list…");
    manifest.load(null).then(m -> {
      page.showCategories(m.categories());
      page.shareUrl(looping);
      startGpu();
      return null;
    }, error -> {
      page.showStatus("error", "The WebDiT server cannot be reached: " + Failure.of(error).getMessage());
      page.finished("error:network");
      return null;
    });
  }

  private void startGpu() {
    String preferred = "i8".equals(DemoPage.urlParam("weights")) ? "i8" : "f16";
    lifecycle = new Lifecycle(manifest, new Lifecycle.Options(preferred, true), new Lifecycle.Listener() {
      @Override
      public void phase(String text) {
        page.showStatus("loading", text);
      }

      @Override
      public void progress(double loaded, double total) {
        page.showProgress(loaded, total);
      }

      @Override
      public void failedLater(Failure failure) {
        apply(failure);
      }
    });
    Lifecycle mine = lifecycle;
    mine.start().then(l -> {
      page.showAdapter(l.context().label(), l.context().isSoftware());
      ModelChoice choice = l.choice();
      page.showModel(choice.name() + " (" + choice.dtype() + ", " + Math.round(choice.bytes() / 1024) + " KiB, sha256 "
          + choice.sha256().substring(0, 12) + "…)");
      page.showStatus("loading", "Compiling kernels…");
      return l.precompile((done, total) -> page.showStatus("loading", "Compiling kernels: " + done + " of " + total + "…"));
    }).then(ignored -> {
      if (lifecycle == mine) {
        onGpu = true;
        onServer = false;
        page.enableControls(true);
        schedule(0);
      }
      return null;
    }, error -> {
      apply(Failure.of(error));
      return null;
    });
  }

  /** The failure policy shared with the embed: a fresh device, the server's favicons, or a message. */
  private void apply(Failure failure) {
    if (failure.cause == Failure.Cause.CANCELLED) {
      return;
    }
    DomGlobal.console.warn("WebDiT: " + failure.kind() + ": " + failure.getMessage());
    int attempt = failures.merge(failure.cause, 1, Integer::sum);
    onGpu = false;
    if (lifecycle != null) {
      lifecycle.cancel();
      lifecycle = null;
    }
    switch (failure.action(attempt)) {
      case RETRY:
        page.showStatus("loading", failure.getMessage() + " Trying again…");
        busy = false;
        startGpu();
        break;
      case SERVER_FALLBACK:
        onServer = true;
        busy = false;
        page.showStatus("fallback", failure.getMessage() + " The server draws the favicons instead (on its CPU, "
            + "from the same weights).");
        page.showAdapter(failure.cause == Failure.Cause.NO_WEBGPU ? "none: " + failure.getMessage() : "not used",
            false);
        page.enableControls(true);
        page.finished("server:" + failure.kind());
        schedule(0);
        break;
      default:
        page.showStatus("error", failure.getMessage());
        page.enableControls(false);
        page.finished("error:" + failure.kind());
        break;
    }
  }

  private static boolean hidden() {
    return "hidden".equals(DomGlobal.document.visibilityState);
  }

  private void toggleLoop() {
    looping = !looping;
    page.showLooping(looping);
    page.shareUrl(looping);
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
      if (!hidden() && !busy) {
        generateNow();
      }
    }, delayMs);
  }

  /** After a generation or the gallery: the next one after the pause, when the loop runs. */
  private void loopOn() {
    busy = false;
    if (looping) {
      schedule(1000 * page.numberValue(page.pause, 2, 0, 600));
    }
  }

  private void generateNow() {
    if (busy || !(onGpu || onServer)) {
      return;
    }
    DemoPage.Settings s = page.settings(manifest.categories());
    page.shareUrl(looping);
    if (s.problem() != null) {
      page.showStatus("error", s.problem());
      return;
    }
    busy = true;
    double started = DomGlobal.performance.now();
    Promise<Object> drawn;
    if (onGpu) {
      Lifecycle l = lifecycle;
      drawn = l.generate(new int[] {(int) s.seed()}, new int[] {s.label()}, s.sampler(), s.steps(), s.cfg()).then(gen -> {
        double ms = DomGlobal.performance.now() - started;
        page.showProfile(gen.profile.summary() + "; " + s.steps() + " steps in " + Math.round(ms) + " ms ("
            + Math.round(s.steps() * 10000.0 / ms) / 10.0 + " steps/s incl. readback)", gen.profile.dispatches());
        page.showStatus("ok", "Seed " + s.seed() + ": generated " + (l.context().isSoftware()
            ? "on a software adapter (your CPU emulating a GPU)" : "on your GPU") + " in " + Math.round(ms) + " ms.");
        return play(gen);
      });
    } else {
      drawn = server.fetch(manifest.categories().name(s.label()), s.seed(), s.steps(), s.sampler(), s.cfg(), null)
          .then(url -> {
            page.showStep(s.steps(), s.steps());
            page.showStatus("fallback", "Seed " + s.seed() + ": drawn by the server in "
                + Math.round(DomGlobal.performance.now() - started) + " ms (no WebGPU here).");
            return favicon.paintUrl(url).then(ignored -> Promise.resolve((Object) null));
          });
    }
    drawn.then(ignored -> {
      page.countGeneration();
      page.finished(onGpu ? "ready" : page.finishedState());
      if (looping) {
        page.seed.value = String.valueOf((s.seed() + 1) & 0xFFFFFFFFL);
      }
      loopOn();
      return null;
    }, error -> {
      busy = false;
      Failure f = Failure.of(error);
      if (onServer) {
        page.showStatus("error", f.getMessage());
        schedule(Math.max(5000, server.waitMs()));
      } else {
        apply(f);
      }
      return null;
    });
  }

  /** Shows the frames at the shared frame rate; only the last one with prefers-reduced-motion. */
  private Promise<Object> play(Generation gen) {
    return FramePlayer.play(gen, 0, Limits.DEFAULT_FPS, favicon, (step, steps, url) -> page.showStep(step, steps),
        () -> false);
  }

  /** One favicon per category, labelled: in one GPU pass, or one server request each (counted). */
  private void gallery() {
    if (busy || !(onGpu || onServer)) {
      return;
    }
    DemoPage.Settings s = page.settings(manifest.categories());
    if (s.problem() != null) {
      page.showStatus("error", s.problem());
      return;
    }
    busy = true;
    if (pendingTimer >= 0) {
      DomGlobal.clearTimeout(pendingTimer);
      pendingTimer = -1;
    }
    Categories cats = manifest.categories();
    int n = cats.size();
    page.showGallery(cats);
    double started = DomGlobal.performance.now();
    Promise<Object> done;
    if (onGpu) {
      int[] seeds = new int[n];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        seeds[i] = (int) ((s.seed() + i) & 0xFFFFFFFFL);
        labels[i] = i;
      }
      page.showStatus("loading", "Gallery: building the engine for " + n + " images and drawing them in one pass…");
      done = lifecycle.generate(seeds, labels, s.sampler(), s.steps(), s.cfg()).then(gen -> {
        for (int i = 0; i < n; i++) {
          page.galleryImage(i, gen.frame(gen.steps - 1, i), gen.size);
        }
        double ms = DomGlobal.performance.now() - started;
        page.showProfile(gen.profile.summary() + "; gallery of " + n + " in " + Math.round(ms) + " ms",
            gen.profile.dispatches());
        page.showStatus("ok", "Gallery of " + n + " drawn in " + Math.round(ms) + " ms.");
        return Promise.resolve((Object) null);
      });
    } else {
      done = serverGallery(s, cats, 0, started);
    }
    done.then(ignored -> {
      DomGlobal.document.body.setAttribute("data-gallery", "ready");
      loopOn();
      return null;
    }, error -> {
      busy = false;
      Failure f = Failure.of(error);
      if (onServer) {
        page.showStatus("error", "Gallery: " + f.getMessage());
        loopOn();
      } else {
        apply(f);
      }
      return null;
    });
  }

  private Promise<Object> serverGallery(DemoPage.Settings s, Categories cats, int i, double started) {
    if (i >= cats.size()) {
      page.showProfile("gallery of " + cats.size() + " drawn by the server in "
          + Math.round(DomGlobal.performance.now() - started) + " ms", 0);
      page.showStatus("fallback", "Gallery of " + cats.size() + " drawn by the server.");
      return Promise.resolve((Object) null);
    }
    page.showStatus("loading", "Gallery: " + i + " of " + cats.size() + " drawn by the server…");
    return server.fetch(cats.name(i), (s.seed() + i) & 0xFFFFFFFFL, s.steps(), s.sampler(), s.cfg(), null)
        .then(url -> page.galleryUrl(i, url))
        .then(ignored -> serverGallery(s, cats, i + 1, started));
  }

  static SamplerKind sampler(String name) {
    try {
      return SamplerKind.named(name);
    } catch (IllegalArgumentException e) {
      return Limits.DEFAULT_SAMPLER;
    }
  }
}
