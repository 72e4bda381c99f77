package com.webdit.client.demo;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.net.ServerBase;
import com.webdit.client.runtime.Failure;
import com.webdit.client.runtime.FaviconDownload;
import com.webdit.client.runtime.FaviconLoop;
import com.webdit.client.runtime.FaviconPainter;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.client.runtime.FramePlayer;
import com.webdit.client.runtime.MorphWalk;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.StartNoise;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.List;

/**
 * The demo page: the shared {@link FaviconRuntime} finds the GPU, downloads and verifies the model
 * and compiles the kernels (counted), then the {@link FaviconLoop} draws favicons whose frames
 * play on the preview canvas and in the tab's icon. Where the GPU path cannot run, the server
 * draws and every control but remix and morph keeps working. No work while the tab is hidden.
 */
public final class DemoApp implements EntryPoint {
  private final DemoPage page = new DemoPage();
  private final FaviconPainter favicon = new FaviconPainter(page.preview);
  private final FaviconRuntime runtime = new FaviconRuntime(new FaviconRuntime.Options(
      List.of("i8", "i4").contains(DemoPage.urlParam("weights")) ? DemoPage.urlParam("weights") : "f16", true, false,
      false, true),
      new DemoStatus(page, () -> this.loop.start(), () -> this.runtime.ready())); // qualified: declared below
  private final MorphWalk walk = new MorphWalk(runtime);
  private final FaviconLoop loop = new FaviconLoop(this::draw, this::pause);
  private final DemoGallery gallery = new DemoGallery(page, runtime);
  private DemoRemix remix;
  private boolean looping;
  private boolean morphing;
  private boolean serverError; // the last server favicon failed: wait before the next
  private int legs; // morph legs drawn (the page's data-morph-legs, for the tests)

  @Override
  public void onModuleLoad() {
    ServerBase.setFromScript(DomGlobal.document.currentScript, "demo/demo.js");
    page.showLimits();
    page.readUrl();
    looping = page.loopWanted();
    page.showLooping(looping);
    morphing = page.morphWanted();
    page.showMorphing(morphing);
    page.generate.addEventListener("click", e -> loop.runNow(this::draw));
    page.galleryButton.addEventListener("click", e -> loop.runNow(g -> withQuery(q -> gallery.draw(q).then(ignored -> {
      DomGlobal.document.body.setAttribute("data-gallery", "ready");
      return Promise.resolve((Object) null);
    }))));
    // The pack is made from the preview canvas, so it works the same for GPU and server favicons.
    page.downloadButton.addEventListener("click", e -> FaviconDownload.save(favicon.pixels()));
    page.loop.addEventListener("click", e -> {
      looping = !looping;
      changed(looping);
    });
    page.morph.addEventListener("click", e -> {
      morphing = !morphing;
      changed(morphing);
    });
    page.strength.addEventListener("change", e -> shareUrl());
    remix = new DemoRemix(page, () -> runtime.mode() == FaviconRuntime.Mode.GPU, () -> loop.schedule(0));
    page.showStatus("loading", "Fetching the model list…");
    runtime.manifest().load(null).then(m -> {
      page.showCategories(m.categories());
      shareUrl();
      runtime.ready();
      return null;
    }, error -> {
      page.showStatus("error", "The WebDiT server cannot be reached: " + Failure.of(error).getMessage());
      page.finished("error:network");
      return null;
    });
  }

  /** The loop or morph button was pressed: show it, share it, and draw at once when it was switched on. */
  private void changed(boolean switchedOn) {
    page.showLooping(looping);
    page.showMorphing(morphing);
    shareUrl();
    if (switchedOn && !loop.busy()) {
      loop.schedule(0);
    }
  }

  private void shareUrl() {
    page.shareUrl(runtime.manifest().categories(), looping);
  }

  // ------------------------------------------------------------------ the loop's turns

  private interface Drawing {
    Promise<Object> draw(FaviconQuery q);
  }

  /** Runs a drawing with the controls' query; a bad control value is shown instead. */
  private Promise<Object> withQuery(Drawing drawing) {
    FaviconRuntime.Mode mode = runtime.mode();
    if (mode != FaviconRuntime.Mode.GPU && mode != FaviconRuntime.Mode.SERVER) {
      return Promise.resolve((Object) null);
    }
    FaviconQuery q;
    try {
      q = page.query(runtime.manifest().categories());
    } catch (FaviconQuery.BadParameter e) {
      page.showStatus("error", e.getMessage());
      return Promise.resolve((Object) null);
    }
    shareUrl();
    serverError = false;
    return drawing.draw(q).catch_(error -> {
      Failure f = Failure.of(error);
      if (runtime.mode() == FaviconRuntime.Mode.SERVER) {
        page.showStatus("error", f.getMessage());
        serverError = true;
      } else {
        runtime.apply(f);
      }
      return Promise.resolve((Object) null);
    });
  }

  private Promise<Object> draw(int generation) {
    return withQuery(q -> {
      double started = DomGlobal.performance.now();
      boolean onGpu = runtime.mode() == FaviconRuntime.Mode.GPU;
      Promise<Object> drawn = !onGpu ? fromServer(q, started) : morphing ? morphLeg(q) : onGpu(q, started);
      return drawn.then(ignored -> {
        page.countGeneration();
        page.finished(onGpu ? "ready" : page.finishedState());
        if (looping || (morphing && onGpu)) {
          page.seed.value = String.valueOf(Limits.seedPlus(q.seed, 1));
        }
        return Promise.resolve((Object) null);
      });
    });
  }

  /** After a turn: a morph walks on at once (its frames pace it); a loop waits its pause; else nothing. */
  private double pause(double started) {
    if (serverError) {
      return Math.max(5000, runtime.serverWaitMs());
    }
    if (morphing && runtime.mode() == FaviconRuntime.Mode.GPU) {
      return 0;
    }
    return looping ? 1000 * page.numberValue(page.pause, DemoPage.DEFAULT_PAUSE_S, 0, DemoPage.MAX_PAUSE_S) : -1;
  }

  private Promise<Object> onGpu(FaviconQuery q, double started) {
    double strength = page.strengthValue();
    float[] start = remix.image() != null && strength < 1 ? StartNoise.remix((int) q.seed, remix.image(), strength) : null;
    int label = q.label(runtime.manifest().categories());
    return runtime.draw(q, label, start, start == null ? 1.0 : strength).then(d -> {
      double ms = DomGlobal.performance.now() - started;
      page.showProfile(d.generation().profile.summary() + "; " + q.steps + " steps in " + Math.round(d.ms()) + " ms ("
          + Math.round(q.steps * 10000.0 / d.ms()) / 10.0 + " steps/s incl. readback)", d.generation().profile.dispatches());
      page.showStatus("ok", "Seed " + q.seed + ": generated " + (runtime.lifecycle().context().isSoftware()
          ? "on a software adapter (your CPU emulating a GPU)" : "on your GPU") + " in " + Math.round(ms) + " ms"
          + (start != null ? ", a remix of your icon at strength " + strength : "") + ".");
      return FramePlayer.play(FramePlayer.steps(d.generation(), 0), Limits.DEFAULT_FPS, favicon,
          (step, steps, url) -> page.showStep(step, steps), () -> false);
    });
  }

  /** One morph leg, seed -> seed + 1, the next one generated while this one plays. A remix source is not used. */
  private Promise<Object> morphLeg(FaviconQuery q) {
    int label = q.label(runtime.manifest().categories());
    return walk.leg(q, label).then(leg -> {
      walk.prefetch(q.withSeed(Limits.seedPlus(q.seed, 1)), label);
      page.showProfile(leg.generation().profile.summary() + "; morph leg of " + leg.frames() + " frames in "
          + Math.round(leg.ms()) + " ms = " + Math.round(leg.framesPerSecond() * 10) / 10.0 + " frames/s, "
          + Math.round(leg.gflopPerFrame() * 1000) / 1000.0 + " GFLOP per frame", leg.generation().profile.dispatches());
      boolean smooth = MorphWalk.smoothSampler(q.sampler) == q.sampler;
      page.showStatus("ok", "Morph " + q.seed + " → " + Limits.seedPlus(q.seed, 1) + ": " + leg.frames()
          + " frames in one GPU pass" + (smooth ? "" : " (DDPM is not smooth: DPM-Solver++ instead)")
          + (remix.image() != null ? "; the remix icon is not used while morphing" : "") + ".");
      DomGlobal.document.body.setAttribute("data-morph-legs", String.valueOf(++legs));
      return FramePlayer.play(FramePlayer.images(leg.generation()), Limits.DEFAULT_FPS, favicon,
          (j, frames, url) -> page.showStep(j, frames), () -> !morphing);
    });
  }

  private Promise<Object> fromServer(FaviconQuery q, double started) {
    return runtime.fromServer(q, null).then(url -> {
      page.showStep(q.steps, q.steps);
      page.showStatus("fallback", "Seed " + q.seed + ": drawn by the server in "
          + Math.round(DomGlobal.performance.now() - started) + " ms (no WebGPU here).");
      return favicon.paintUrl(url).then(ignored -> Promise.resolve((Object) null));
    });
  }
}
