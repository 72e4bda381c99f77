package com.webdit.client.demo;

import com.webdit.client.runtime.FaviconPainter;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.client.runtime.FramePlayer;
import com.webdit.client.runtime.MorphWalk;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.StartNoise;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.function.BooleanSupplier;

/**
 * One turn of the demo's loop, drawn three ways: a favicon on the GPU (its steps play in the
 * preview, the tab and the strip), a morph leg on the GPU, or a favicon from the server. Each
 * says on the page how it went.
 */
final class DemoDraw {
  private final DemoPage page;
  private final DemoHero hero;
  private final FaviconRuntime runtime;
  private final FaviconPainter favicon;
  private final MorphWalk walk;
  private int legs; // morph legs drawn (the page's data-morph-legs, for the tests)

  DemoDraw(DemoPage page, DemoHero hero, FaviconRuntime runtime, FaviconPainter favicon) {
    this.page = page;
    this.hero = hero;
    this.runtime = runtime;
    this.favicon = favicon;
    this.walk = new MorphWalk(runtime);
  }

  /** remix: the start image (null for plain generation) at the page's strength. */
  Promise<Object> onGpu(FaviconQuery q, float[] remix, double started) {
    double strength = page.strengthValue();
    float[] start = remix != null && strength < 1 ? StartNoise.remix((int) q.seed, remix, strength) : null;
    int label = q.label(runtime.manifest().categories());
    return runtime.draw(q, label, start, start == null ? 1.0 : strength).then(d -> {
      double ms = DomGlobal.performance.now() - started;
      page.showProfile(d.generation().profile.summary() + "; " + q.steps + " steps in " + Math.round(d.ms()) + " ms ("
          + Math.round(q.steps * 10000.0 / d.ms()) / 10.0 + " steps/s incl. readback)", d.generation().profile.dispatches());
      page.showStatus("ok", "Seed " + q.seed + ": generated " + (runtime.lifecycle().context().isSoftware()
          ? "on a software adapter (your CPU emulating a GPU)" : "on your GPU") + " in " + Math.round(ms) + " ms"
          + (start != null ? ", a remix of your icon at strength " + strength : "") + ".");
      return FramePlayer.play(FramePlayer.steps(d.generation(), 0), Limits.DEFAULT_FPS, favicon,
          (step, steps, url) -> hero.frame(step, steps, url, true), () -> false);
    });
  }

  /** One morph leg, seed -> seed + 1, the next one generated while this one plays. A remix source is not used. */
  Promise<Object> morphLeg(FaviconQuery q, boolean remixing, BooleanSupplier stopped) {
    int label = q.label(runtime.manifest().categories());
    return walk.leg(q, label).then(leg -> {
      walk.prefetch(q.withSeed(Limits.seedPlus(q.seed, 1)), label);
      page.showProfile(leg.generation().profile.summary() + "; morph leg of " + leg.frames() + " frames in "
          + Math.round(leg.ms()) + " ms = " + Math.round(leg.framesPerSecond() * 10) / 10.0 + " frames/s, "
          + Math.round(leg.gflopPerFrame() * 1000) / 1000.0 + " GFLOP per frame", leg.generation().profile.dispatches());
      boolean smooth = MorphWalk.smoothSampler(q.sampler) == q.sampler;
      page.showStatus("ok", "Morph " + q.seed + " → " + Limits.seedPlus(q.seed, 1) + ": " + leg.frames()
          + " frames in one GPU pass" + (smooth ? "" : " (DDPM is not smooth: DPM-Solver++ instead)")
          + (remixing ? "; the remix icon is not used while morphing" : "") + ".");
      DomGlobal.document.body.setAttribute("data-morph-legs", String.valueOf(++legs));
      return FramePlayer.play(FramePlayer.images(leg.generation()), Limits.DEFAULT_FPS, favicon,
          (j, frames, url) -> hero.frame(j, frames, url, false), stopped);
    });
  }

  Promise<Object> fromServer(FaviconQuery q, double started) {
    return runtime.fromServer(q, null).then(url -> {
      page.showStatus("fallback", "Seed " + q.seed + ": drawn by the server in "
          + Math.round(DomGlobal.performance.now() - started) + " ms (no WebGPU here).");
      return favicon.paintUrl(url).then(painted -> {
        hero.finishedOnly(q.steps, painted);
        return Promise.resolve((Object) null);
      });
    });
  }
}
