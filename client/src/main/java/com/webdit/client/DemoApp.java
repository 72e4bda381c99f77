package com.webdit.client;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.engine.Generation;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import com.webdit.shared.sampling.StartNoise;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import jsinterop.base.Js;
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
  private float[] remixImage; // the visitor's icon as a start image, or null
  private boolean morphing;
  private int legs; // morph legs drawn (the page's data-morph-legs, for the tests)

  /** The model's image side: a remix source is scaled to it (the manifest's models all share it). */

  @Override
  public void onModuleLoad() {
    ServerBase.setFromScript(DomGlobal.document.currentScript, "demo/demo.js");
    page.showLimits();
    page.readUrl();
    looping = page.loopWanted();
    page.showLooping(looping);
    page.generate.addEventListener("click", e -> generateNow());
    page.galleryButton.addEventListener("click", e -> gallery());
    // The pack is made from the preview canvas, so it works the same for GPU and server favicons.
    page.downloadButton.addEventListener("click", e -> FaviconDownload.save(favicon.pixels()));
    page.loop.addEventListener("click", e -> toggleLoop());
    morphing = page.morphWanted();
    page.showMorphing(morphing);
    page.morph.addEventListener("click", e -> toggleMorph());
    page.strength.addEventListener("change", e -> page.shareUrl(looping));
    wireRemixInputs();
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
    String preferred = java.util.List.of("i8", "i4").contains(DemoPage.urlParam("weights")) ? DemoPage.urlParam("weights") : "f16";
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
        page.enableGpuControls(true);
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
        page.enableGpuControls(false);
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

  private void toggleMorph() {
    morphing = !morphing;
    page.showMorphing(morphing);
    page.shareUrl(looping);
    if (morphing && !busy) {
      schedule(0);
    }
  }

  /** A picked file, an image dropped on the preview, or one pasted anywhere on the page. */
  private void wireRemixInputs() {
    page.remixFile.addEventListener("change", e -> {
      if (page.remixFile.files.length > 0) {
        useRemix(page.remixFile.files.item(0));
      }
    });
    page.remixClear.addEventListener("click", e -> {
      remixImage = null;
      page.showRemixSource(null, Limits.ICON_SIZE);
    });
    page.preview.addEventListener("dragover", e -> {
      if (onGpu) {
        e.preventDefault(); // allows the drop
        page.preview.classList.add("dropping");
      }
    });
    page.preview.addEventListener("dragleave", e -> page.preview.classList.remove("dropping"));
    page.preview.addEventListener("drop", e -> {
      e.preventDefault();
      page.preview.classList.remove("dropping");
      elemental2.dom.DragEvent drop = Js.uncheckedCast(e);
      if (onGpu && drop.dataTransfer != null && drop.dataTransfer.files.length > 0) {
        useRemix(drop.dataTransfer.files.item(0));
      }
    });
    DomGlobal.document.addEventListener("paste", e -> {
      elemental2.dom.ClipboardEvent paste = Js.uncheckedCast(e);
      if (!onGpu || paste.clipboardData == null) {
        return;
      }
      for (int i = 0; i < paste.clipboardData.items.length; i++) {
        elemental2.dom.DataTransferItem item = paste.clipboardData.items.getAt(i);
        if (item.type != null && item.type.startsWith("image/")) {
          useRemix(item.getAsFile());
          return;
        }
      }
    });
  }

  private void useRemix(elemental2.dom.Blob blob) {
    IconImage.fromBlob(blob, Limits.ICON_SIZE).then(image -> {
      remixImage = image;
      page.showRemixSource(image, Limits.ICON_SIZE);
      page.showStatus("ok", "Remixing your icon at strength " + page.strengthValue() + ": each seed is a variation.");
      if (!busy) {
        schedule(0);
      }
      return null;
    }, error -> {
      page.showStatus("error", "That image cannot be remixed: " + (error instanceof Throwable t ? t.getMessage()
          : String.valueOf(error)));
      return null;
    });
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
    if (morphing && onGpu) {
      schedule(0); // a morph walks on at once: its frames pace it
    } else if (looping) {
      schedule(1000 * page.numberValue(page.pause, DemoPage.DEFAULT_PAUSE_S, 0, DemoPage.MAX_PAUSE_S));
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
    if (onGpu && morphing) {
      drawn = morphLeg(s, started);
    } else if (onGpu) {
      Lifecycle l = lifecycle;
      double strength = page.strengthValue();
      float[] start = remixImage != null && strength < 1 ? StartNoise.remix((int) s.seed(), remixImage, strength) : null;
      drawn = l.generate(new int[] {(int) s.seed()}, new int[] {s.label()}, s.sampler(), s.steps(), s.cfg(), start,
          start == null ? 1.0 : strength).then(gen -> {
        double ms = DomGlobal.performance.now() - started;
        page.showProfile(gen.profile.summary() + "; " + s.steps() + " steps in " + Math.round(ms) + " ms ("
            + Math.round(s.steps() * 10000.0 / ms) / 10.0 + " steps/s incl. readback)", gen.profile.dispatches());
        page.showStatus("ok", "Seed " + s.seed() + ": generated " + (l.context().isSoftware()
            ? "on a software adapter (your CPU emulating a GPU)" : "on your GPU") + " in " + Math.round(ms) + " ms"
            + (start != null ? ", a remix of your icon at strength " + strength : "") + ".");
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
      if (looping || (morphing && onGpu)) {
        page.seed.value = String.valueOf(Limits.seedPlus(s.seed(), 1));
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

  /**
   * One morph leg, seed -> seed + 1: the frames' slerped starts in one engine batch (one submit),
   * each frame a finished favicon, shown at the shared frame rate (only the first with
   * prefers-reduced-motion). A remix source is not used here: a morph walks between seeds.
   */
  private Promise<Object> morphLeg(DemoPage.Settings s, double started) {
    Lifecycle l = lifecycle;
    com.webdit.shared.model.DiTConfig config = l.weights().config();
    int frames = Limits.MORPH_FRAMES_PER_LEG;
    SamplerKind sampler = s.sampler() == SamplerKind.DDPM ? Limits.DEFAULT_SAMPLER : s.sampler(); // DDPM is not smooth
    int[] seeds = new int[frames];
    int[] labels = new int[frames];
    java.util.Arrays.fill(seeds, (int) s.seed());
    java.util.Arrays.fill(labels, s.label());
    return l.generate(seeds, labels, sampler, s.steps(), s.cfg(), StartNoise.morphLeg((int) s.seed(), frames,
        config.imageValues()), 1.0).then(gen -> {
          double ms = DomGlobal.performance.now() - started;
          double gflop = config.flopsPerForward() * gen.profile.forwards() / 1e9;
          page.showProfile(gen.profile.summary() + "; morph leg of " + frames + " frames in " + Math.round(ms) + " ms = "
              + Math.round(frames * 10000.0 / ms) / 10.0 + " frames/s, " + Math.round(gflop * 1000) / 1000.0
              + " GFLOP per frame", gen.profile.dispatches());
          page.showStatus("ok", "Morph " + s.seed() + " → " + Limits.seedPlus(s.seed(), 1) + ": " + frames
              + " frames in one GPU pass" + (sampler != s.sampler() ? " (DDPM is not smooth: DPM-Solver++ instead)" : "")
              + (remixImage != null ? "; the remix icon is not used while morphing" : "") + ".");
          DomGlobal.document.body.setAttribute("data-morph-legs", String.valueOf(legs++ + 1));
          if (FramePlayer.reducedMotion()) {
            favicon.paint(gen.frame(gen.steps - 1, 0));
            return Promise.resolve((Object) null);
          }
          return new Promise<Object>((resolve, reject) -> morphFrame(gen, 0, () -> resolve.onInvoke((Object) null)));
        });
  }

  private void morphFrame(Generation gen, int j, Runnable done) {
    if (j >= gen.images || !morphing) {
      done.run();
      return;
    }
    favicon.paint(gen.frame(gen.steps - 1, j));
    page.showStep(j + 1, gen.images);
    DomGlobal.setTimeout(ignored -> morphFrame(gen, j + 1, done), 1000.0 / Limits.DEFAULT_FPS);
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
        seeds[i] = (int) Limits.seedPlus(s.seed(), i);
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
    return server.fetch(cats.name(i), Limits.seedPlus(s.seed(), i), s.steps(), s.sampler(), s.cfg(), null)
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
