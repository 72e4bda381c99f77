package com.webdit.client.runtime;

import com.webdit.client.engine.Generation;
import com.webdit.shared.product.FaviconQuery;
import elemental2.dom.AbortSignal;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.HashMap;
import java.util.Map;
import jsinterop.base.Js;

/**
 * Where the demo's and the embed's favicons come from: the visitor's GPU (a {@link Lifecycle}),
 * or the server's CPU renderer when the GPU path cannot or should not run. It owns the one mode
 * (starting, GPU, server, off), the one failure policy applier ({@link Failure#action}) and the
 * one speed rule; a front end hears what happened through its {@link View} and draws with
 * {@link #draw}, {@link MorphWalk} and {@link #fromServer}.
 */
public final class FaviconRuntime {
  /** Where favicons come from now. */
  public enum Mode { STARTING, GPU, SERVER, OFF }

  /** What a front end hears; every method is optional. */
  public interface View {
    /** A start-up phase in words ("Downloading the small model…"). */
    default void phase(String text) {}

    /** Weight download progress in bytes. */
    default void progress(double loaded, double total) {}

    /** Adapter, device and verified weights are there (kernels may still compile). */
    default void started(Lifecycle lifecycle) {}

    /** The GPU path draws from now on. */
    default void gpuReady(Lifecycle lifecycle) {}

    /** The GPU path failed in a way worth one more try: the next {@link #ready()} builds it afresh. */
    default void retrying(Failure failure) {}

    /** The server draws from now on. */
    default void fallback(Failure failure) {}

    /** Nothing can draw: the failure says why. */
    default void off(Failure failure) {}
  }

  /**
   * Start-up choices.
   *
   * @param dtype the weight file preferred at first ("f16", "i8", "i4"; {@link #useWeights} changes it)
   * @param softwareAdapters whether a software WebGPU adapter may draw at all
   * @param slownessRule whether an adapter slower than {@link #SLOW_MS_PER_STEP} hands over to the server
   * @param honourSaveData whether a visitor who saves data gets server favicons (no weight download)
   * @param precompile whether every kernel is compiled before the GPU path counts as ready
   */
  public record Options(String dtype, boolean softwareAdapters, boolean slownessRule, boolean honourSaveData,
      boolean precompile) {}

  /** Above this the adapter is too slow to be worth the visitor's CPU: the server draws instead. */
  public static final double SLOW_MS_PER_STEP = 2_000;

  /** A favicon drawn on the GPU and how long it took from a built engine. */
  public record Drawn(Generation generation, double ms) {}

  private final Manifest manifest = new Manifest();
  private final ServerFavicons server = new ServerFavicons();
  private final Map<Failure.Cause, Integer> failures = new HashMap<>();
  private final Options options;
  private final View view;
  private String dtype;
  private Mode mode = Mode.STARTING;
  private Lifecycle lifecycle;
  private Promise<Mode> readying;

  public FaviconRuntime(Options options, View view) {
    this.options = options;
    this.view = view;
    this.dtype = options.dtype();
  }

  /** The weight file preferred now ("f16", "i8", "i4"). */
  public String weights() {
    return dtype;
  }

  /**
   * Prefers another weight file from now on. Returns true when the GPU path was running or starting
   * on the old one: it is stopped, and the caller's next {@link #ready()} loads the new file. The
   * server's favicons come from its own model, so in server mode nothing reloads.
   */
  public boolean useWeights(String wanted) {
    if (wanted.equals(dtype)) {
      return false;
    }
    dtype = wanted;
    if (mode == Mode.SERVER || mode == Mode.OFF) {
      return false;
    }
    stop();
    return true;
  }

  public Manifest manifest() {
    return manifest;
  }

  public Mode mode() {
    return mode;
  }

  /** The GPU path's lifecycle while it is starting or drawing; null otherwise. */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** Milliseconds until the server wants to hear from us again (a 429's Retry-After). */
  public double serverWaitMs() {
    return server.waitMs();
  }

  /** Starts the GPU path once (again after a retry); resolves with the mode it settles in. */
  public Promise<Mode> ready() {
    if (mode != Mode.STARTING) {
      return Promise.resolve(mode);
    }
    if (options.honourSaveData() && savesData()) {
      fallBack(new Failure(Failure.Cause.SAVE_DATA,
          "the visitor saves data (navigator.connection.saveData): the server draws the favicons"));
      return Promise.resolve(mode);
    }
    if (readying == null) {
      Lifecycle mine = new Lifecycle(manifest, new Lifecycle.Options(dtype, options.softwareAdapters()),
          new Lifecycle.Listener() {
            @Override
            public void phase(String text) {
              view.phase(text);
            }

            @Override
            public void progress(double loaded, double total) {
              view.progress(loaded, total);
            }

            @Override
            public void failedLater(Failure failure) {
              apply(failure);
            }
          });
      lifecycle = mine;
      readying = mine.start().then(l -> {
        view.started(l);
        if (!options.precompile()) {
          return Promise.resolve((Object) null);
        }
        view.phase("Compiling kernels…");
        return l.precompile((done, total) -> view.phase("Compiling kernels: " + done + " of " + total + "…"));
      }).then(ignored -> {
        if (mode == Mode.STARTING && lifecycle == mine) {
          mode = Mode.GPU;
          view.gpuReady(mine);
        }
        return Promise.resolve(mode);
      }, error -> {
        if (lifecycle == mine) {
          apply(Failure.of(error));
        }
        return Promise.resolve(mode);
      });
    }
    return readying;
  }

  /** The one failure policy: a fresh start, the server's favicons, or nothing at all. */
  public void apply(Failure failure) {
    if (failure.cause == Failure.Cause.CANCELLED) {
      return;
    }
    int attempt = failures.merge(failure.cause, 1, Integer::sum);
    switch (failure.action(attempt)) {
      case RETRY:
        dropLifecycle();
        mode = Mode.STARTING;
        view.retrying(failure);
        break;
      case SERVER_FALLBACK:
        fallBack(failure);
        break;
      case MESSAGE:
        dropLifecycle();
        mode = Mode.OFF;
        view.off(failure);
        break;
      default:
        break;
    }
  }

  /** From now on the server draws (once; later calls change nothing). */
  public void fallBack(Failure failure) {
    if (mode != Mode.SERVER) {
      mode = Mode.SERVER;
      dropLifecycle();
      view.fallback(failure);
    }
  }

  /** Stops all GPU work (download, build, generations); a later {@link #ready()} starts afresh. */
  public void stop() {
    dropLifecycle();
    if (mode == Mode.GPU) {
      mode = Mode.STARTING;
    }
  }

  private void dropLifecycle() {
    if (lifecycle != null) {
      lifecycle.cancel();
      lifecycle = null;
    }
    readying = null;
  }

  /**
   * One favicon on the GPU (start null: plain generation; else a remix from t0). Timed from a built
   * engine, so the speed rule judges the adapter, not the one-off kernel compile and weight upload.
   */
  public Promise<Drawn> draw(FaviconQuery query, int label, float[] start, double t0) {
    Lifecycle l = lifecycle;
    if (l == null) {
      return Promise.reject(new Failure(Failure.Cause.CANCELLED, "stopped"));
    }
    float cfg = (float) query.cfg;
    double[] started = new double[1];
    return l.engineFor(1, cfg).then(built -> {
      started[0] = DomGlobal.performance.now();
      return l.generate(new int[] {(int) query.seed}, new int[] {label}, query.sampler, query.steps, cfg, start, t0);
    }).then(gen -> {
      double ms = DomGlobal.performance.now() - started[0];
      judgeSpeed(ms, gen.steps, 1, "");
      return Promise.resolve(new Drawn(gen, ms));
    });
  }

  /** A PNG data URL drawn by the server for this query (its category by name). */
  public Promise<String> fromServer(FaviconQuery query, AbortSignal signal) {
    return server.fetch(query, signal);
  }

  /**
   * The speed rule: an adapter slower than {@link #SLOW_MS_PER_STEP} per step of one image leaves
   * the favicons to the server (when the options say so).
   */
  void judgeSpeed(double ms, int steps, int images, String what) {
    if (options.slownessRule() && ms / ((double) steps * images) > SLOW_MS_PER_STEP) {
      fallBack(new Failure(Failure.Cause.SOFTWARE_ADAPTER, "this adapter took " + Math.round(ms / steps)
          + " ms per step" + what + ": the server draws the favicons"));
    }
  }

  private static boolean savesData() {
    Object connection = Js.asPropertyMap(DomGlobal.navigator).get("connection");
    return connection != null && Js.isTruthy(Js.asPropertyMap(connection).get("saveData"));
  }
}
