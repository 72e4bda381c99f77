package com.webdit.client.demo;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.embed.EmbedConfig;
import com.webdit.client.dom.Yield;
import com.webdit.client.net.ServerBase;
import com.webdit.client.runtime.AfterFirstPaint;
import com.webdit.client.runtime.Failure;
import com.webdit.client.runtime.FaviconDownload;
import com.webdit.client.runtime.FaviconLoop;
import com.webdit.client.runtime.FaviconPainter;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/**
 * The product's page: the shared {@link FaviconRuntime} finds the GPU, downloads and verifies the
 * model and compiles the kernels (counted), then the {@link FaviconLoop} draws favicons whose
 * frames play on the preview, in a drawn browser tab and in this tab's icon. The snippet builder
 * writes the embed's tag and the loop draws what that tag asks for. Where the GPU path cannot
 * run, the server draws and every control but remix and morph keeps working. Nothing heavy
 * starts before the first paint; no work while the tab is hidden.
 */
public final class DemoApp implements EntryPoint {
  private final DemoPage page = new DemoPage();
  private final FaviconPainter favicon = new FaviconPainter(page.preview);
  private final FaviconRuntime runtime = new FaviconRuntime(new FaviconRuntime.Options(
      EmbedConfig.WEIGHTS.contains(DemoPage.urlParam("weights")) ? DemoPage.urlParam("weights")
          : EmbedConfig.DEFAULT_WEIGHTS, true, false, false, true),
      new DemoStatus(page, this::startLoop, () -> this.runtime.ready())); // qualified: declared below
  private final DemoDraw drawing = new DemoDraw(page, new DemoHero(), runtime, favicon);
  private final FaviconLoop loop = new FaviconLoop(this::draw, this::pause);
  private final DemoSnippet snippet = new DemoSnippet(page, runtime.weights(), this::follow);
  private final DemoGallery gallery = new DemoGallery(page, runtime, (category, seed) -> {
    page.pick(category, seed);
    loop.runNow(this::draw);
  });
  private DemoRemix remix;
  private boolean looping;
  private boolean morphing;
  private boolean serverError; // the last server favicon failed: wait before the next
  private boolean picked; // the snippet builder changed: the next favicon follows at once

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
    page.galleryButton.addEventListener("click", e -> loop.runNow(g -> withQuery(gallery::draw)));
    // The pack is made from the preview canvas, so it works the same for GPU and server favicons.
    page.downloadButton.addEventListener("click", e -> FaviconDownload.save(favicon.pixels()));
    page.loop.addEventListener("click", e -> {
      looping = !looping;
      changed(looping);
    });
    page.morph.addEventListener("click", e -> {
      morphing = !morphing;
      snippet.showMorph(morphing); // the tag says what the preview shows
      changed(morphing);
    });
    page.strength.addEventListener("change", e -> shareUrl());
    remix = new DemoRemix(page, () -> runtime.mode() == FaviconRuntime.Mode.GPU, () -> loop.schedule(0));
    AfterFirstPaint.run(() -> start(snippet));
  }

  /**
   * The model list names the categories (the builder's tag now says which); then the GPU or the
   * server starts. Each step is its own task (the GPU probe alone is tens of ms on a slow phone).
   */
  private void start(DemoSnippet snippet) {
    page.showStatus("loading", "Fetching the model list…");
    runtime.manifest().load(null).then(m -> {
      page.showCategories(m.categories());
      snippet.update();
      shareUrl();
      return Yield.toPage();
    }).then(ignored -> {
      runtime.ready();
      return null;
    }, error -> {
      page.showStatus("error", "The WebDiT server cannot be reached: " + Failure.of(error).getMessage());
      page.finished("error:network");
      return null;
    });
  }

  /** The snippet builder changed: the loop draws what the tag now asks for, with the weight file it names. */
  private void follow(EmbedConfig c) {
    if (runtime.useWeights(c.dtype)) {
      runtime.ready(); // DemoStatus shows the download, then the loop draws from the new file
    }
    page.pause.value = Limits.format(c.loopMs / 1000);
    if (c.remix > 0) {
      page.strength.value = Limits.format(c.remix);
    }
    boolean morphChanged = c.morph != morphing && !page.morph.disabled;
    morphing = morphChanged ? c.morph : morphing;
    picked = loop.busy(); // else changed() draws at once
    changed(true);
  }

  /** The GPU or the server draws from now on (again, after a new weight file): the first turn at once. */
  private void startLoop() {
    loop.start();
    loop.runNow(this::draw);
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
    page.shareUrl(runtime.manifest().categories(), looping, runtime.weights());
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
      Promise<Object> drawn = !onGpu ? drawing.fromServer(q, started)
          : morphing ? drawing.morphLeg(q, remix.image() != null, () -> !morphing)
          : drawing.onGpu(q, remix.image(), started);
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
    if (picked || (morphing && runtime.mode() == FaviconRuntime.Mode.GPU)) {
      picked = false;
      return 0;
    }
    return looping ? 1000 * page.numberValue(page.pause, DemoPage.DEFAULT_PAUSE_S, 0, DemoPage.MAX_PAUSE_S) : -1;
  }
}
