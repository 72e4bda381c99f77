package com.webdit.client.runtime;

import com.webdit.client.dom.PromiseMap;
import com.webdit.client.dom.Yield;
import com.webdit.client.engine.DiTEngine;
import com.webdit.client.engine.Generation;
import com.webdit.client.engine.GpuContext;
import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.GpuUnavailableException;
import com.webdit.client.net.Net;
import com.webdit.client.net.ServerBase;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.product.Limits;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.sampling.SamplerKind;
import elemental2.dom.AbortController;
import elemental2.dom.AbortSignal;
import elemental2.promise.Promise;

/**
 * The one start-up chain of the demo and the embed: adapter, device, model list, verified
 * weights, then an engine per (image count, guidance), built on first use and kept. Every step
 * checks {@link #cancel()}: a cancelled lifecycle downloads nothing more, builds nothing more
 * and submits no more GPU work. Failures come out typed ({@link Failure}); failures after
 * start (device lost, uncaptured GPU errors) go to the {@link Listener}, and the caller applies
 * {@link Failure#action} to both.
 */
public final class Lifecycle {
  /** What the caller hears while starting and after. */
  public interface Listener {
    /** A start-up phase in words ("Downloading the small model…"). */
    void phase(String text);

    /** Weight download progress in bytes. */
    void progress(double loaded, double total);

    /** A failure after start: the device was lost or the GPU reported an error. */
    void failedLater(Failure failure);
  }

  /** Start-up choices: the weight dtype preferred, and whether a software adapter is acceptable. */
  public record Options(String preferredDtype, boolean allowSoftwareAdapter) {}

  private final Options options;
  private final Listener listener;
  private final Manifest manifest;
  private final AbortController abort = new AbortController();
  private final PromiseMap<DiTEngine> engines = new PromiseMap<>();
  private boolean cancelled;
  private boolean closing; // the device is being given up on purpose: its loss is no failure
  private Promise<Lifecycle> started;
  private GpuContext context;
  private Gpu gpu;
  private ModelChoice choice;
  private WeightFile weights;

  public Lifecycle(Manifest manifest, Options options, Listener listener) {
    this.manifest = manifest;
    this.options = options;
    this.listener = listener;
  }

  public AbortSignal signal() {
    return abort.signal;
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** Stops everything this lifecycle would still do; what is in flight resolves to CANCELLED. */
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      abort.abort();
      engines.clear();
      if (context != null) {
        closing = true;
        if (gpu != null) {
          gpu.destroy(); // also marks it gone at once: an engine build in progress stops at its next slice
        } else {
          context.device.destroy();
        }
      }
    }
  }

  /** Any rejection as a Failure; once cancelled, whatever failed, CANCELLED. */
  private Failure typed(Object error) {
    return cancelled ? new Failure(Failure.Cause.CANCELLED, "stopped") : Failure.of(error);
  }

  private <T> Promise<T> checked(T value) {
    return cancelled ? Promise.reject(new Failure(Failure.Cause.CANCELLED, "stopped")) : Promise.resolve(value);
  }

  /** Adapter, device, model choice and verified weights; resolves once, to this. */
  public Promise<Lifecycle> start() {
    if (started == null) {
      started = startChain().catch_(error -> Promise.reject(typed(error)));
    }
    return started;
  }

  private Promise<Lifecycle> startChain() {
    listener.phase("Looking for WebGPU…");
    return checked((Object) null).then(ignored -> GpuContext.create(this::onLaterFailure)).then(ctx -> {
      context = ctx;
      if (cancelled) {
        closing = true;
        ctx.device.destroy();
        return checked((Object) null);
      }
      if (ctx.isSoftware() && !options.allowSoftwareAdapter()) {
        closing = true;
        ctx.device.destroy();
        return Promise.reject(new Failure(Failure.Cause.SOFTWARE_ADAPTER, "the WebGPU adapter is a software one ("
            + ctx.describeAdapter() + "): the server draws the favicons instead"));
      }
      gpu = new Gpu(ctx.device, ctx.isSoftware());
      listener.phase("Fetching the model list…");
      return manifest.load(abort.signal).then(m -> checked((Object) m));
    }).then(ignored -> {
      choice = manifest.choose(options.preferredDtype(), gpu.device.getLimits().getMaxStorageBufferBindingSize());
      listener.phase("Downloading the " + choice.name() + " model…");
      return WeightDownload.fetchVerified(ServerBase.url(choice.url()), choice.bytes(), choice.sha256(), abort.signal,
          listener::progress);
    }).then(bytes -> {
      // Two tasks (SafeTensors.readHeader): the whole parse was the longest task left at start-up.
      SafeTensors.RawHeader header = SafeTensors.readHeader(bytes);
      return Yield.toPage().then(ignored -> {
        weights = WeightFile.of(SafeTensors.parse(header));
        return checked(this);
      });
    });
  }

  private void onLaterFailure(GpuUnavailableException error) {
    if (!cancelled && !closing) {
      engines.clear();
      listener.failedLater(Failure.of(error));
    }
  }

  public GpuContext context() {
    return context;
  }

  public ModelChoice choice() {
    return choice;
  }

  public WeightFile weights() {
    return weights;
  }

  /** Compiles every kernel the model needs now (cached), reporting each as it finishes. */
  public Promise<Object> precompile(com.webdit.client.engine.Pipelines.Progress progress) {
    return checked((Object) null).then(ignored -> com.webdit.client.engine.Pipelines.precompile(gpu, weights, progress))
        .catch_(error -> Promise.reject(typed(error)));
  }

  /** Builds (once) the engine for this many images with or without guidance; failures come out typed. */
  private Promise<DiTEngine> engine(int images, boolean guided) {
    return cachedEngine(images, guided).catch_(error -> Promise.reject(typed(error)));
  }

  private Promise<DiTEngine> cachedEngine(int images, boolean guided) {
    String key = images + "|" + guided;
    Promise<DiTEngine> e = engines.get(key);
    if (e == null) {
      Promise<DiTEngine> built = checked((Object) null).then(ignored -> DiTEngine.create(gpu, weights, images, guided));
      engines.put(key, built);
      built.catch_(error -> {
        engines.removeIf(key, built); // a failed build is not kept: the next call tries again
        return null;
      });
      e = built;
    }
    return e;
  }

  /** The engine that {@link #generate} uses for this many images at this guidance scale (1: none). */
  public Promise<DiTEngine> engineFor(int images, float cfg) {
    return engine(images, cfg != 1f);
  }

  /** One generation on the GPU: seeds are unsigned 32-bit values carried in ints. */
  public Promise<Generation> generate(int[] seeds, int[] labels, SamplerKind sampler, int steps, float cfg) {
    return generate(seeds, labels, sampler, steps, cfg, null, 1.0);
  }

  /**
   * One generation from given starts on the grid from t0 down to 0 (a remix, a morph leg;
   * {@code DiTEngine#generate}); start null is plain generation. Guidance applies in the
   * product's interval ({@link Limits#DEFAULT_GUIDANCE}).
   */
  public Promise<Generation> generate(int[] seeds, int[] labels, SamplerKind sampler, int steps, float cfg,
      float[] start, double t0) {
    return engineFor(seeds.length, cfg).then(e -> checked(e))
        .then(e -> e.generate(seeds, labels, sampler, steps, cfg, Limits.DEFAULT_GUIDANCE, start, t0, false))
        .then(gen -> checked(gen))
        .catch_(error -> Promise.reject(typed(error)));
  }
}
