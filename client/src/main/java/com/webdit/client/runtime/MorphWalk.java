package com.webdit.client.runtime;

import com.webdit.client.engine.Generation;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.SamplerKind;
import com.webdit.shared.sampling.StartNoise;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.Arrays;

/**
 * A favicon that keeps changing: a walk from seed to seed + 1 to seed + 2 ..., each leg
 * {@link Limits#MORPH_FRAMES_PER_LEG} slerped starts generated in one engine batch (one submit),
 * one finished image per frame. The next leg can be generated while the current one plays
 * ({@link #prefetch}), so a GPU faster than the frame rate walks without a pause.
 */
public final class MorphWalk {
  /** One generated leg and what it cost. */
  public record Leg(long seed, Generation generation, double ms, double gflopPerFrame) {
    public int frames() {
      return generation.images;
    }

    public double framesPerSecond() {
      return frames() * 1000.0 / ms;
    }
  }

  private final FaviconRuntime runtime;
  private FaviconQuery pendingQuery;
  private int pendingLabel;
  private Promise<Leg> pending;

  public MorphWalk(FaviconRuntime runtime) {
    this.runtime = runtime;
  }

  /** DDPM adds fresh noise at every step, so its neighbouring frames are not neighbours: the default sampler instead. */
  public static SamplerKind smoothSampler(SamplerKind wanted) {
    return wanted == SamplerKind.DDPM ? Limits.DEFAULT_SAMPLER : wanted;
  }

  /** The leg from the query's seed to the next: the prefetched one when it is that leg. */
  public Promise<Leg> leg(FaviconQuery query, int label) {
    Promise<Leg> leg = pending != null && query.equals(pendingQuery) && label == pendingLabel ? pending
        : build(query, label);
    clear();
    return leg;
  }

  /** Starts generating this leg now, for a {@link #leg} call to come. */
  public void prefetch(FaviconQuery query, int label) {
    pendingQuery = query;
    pendingLabel = label;
    pending = build(query, label);
    pending.catch_(error -> null); // a leg nobody asks for fails quietly; the one asked for rejects as usual
  }

  public void clear() {
    pending = null;
    pendingQuery = null;
  }

  private Promise<Leg> build(FaviconQuery query, int label) {
    Lifecycle l = runtime.lifecycle();
    if (l == null) {
      return Promise.reject(new Failure(Failure.Cause.CANCELLED, "stopped"));
    }
    int frames = Limits.MORPH_FRAMES_PER_LEG;
    int[] seeds = new int[frames];
    int[] labels = new int[frames];
    Arrays.fill(seeds, (int) query.seed);
    Arrays.fill(labels, label);
    DiTConfig config = l.weights().config();
    float[] starts = StartNoise.morphLeg((int) query.seed, frames, config.imageValues());
    float cfg = (float) query.cfg;
    SamplerKind sampler = smoothSampler(query.sampler);
    double[] started = new double[1];
    // Timed from a built engine (as FaviconRuntime.draw): the leg's cost, not the one-off build of a 12-image engine.
    return l.engineFor(frames, cfg).then(built -> {
      started[0] = DomGlobal.performance.now();
      return l.generate(seeds, labels, sampler, query.steps, cfg, starts, 1.0);
    }).then(gen -> {
      double ms = DomGlobal.performance.now() - started[0];
      runtime.judgeSpeed(ms, gen.steps, frames, " of a morph leg");
      return Promise.resolve(new Leg(query.seed, gen, ms, config.flopsPerForward() * gen.profile.forwards() / 1e9));
    });
  }
}
