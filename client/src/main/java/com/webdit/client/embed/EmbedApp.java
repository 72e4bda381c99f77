package com.webdit.client.embed;

import static com.webdit.client.embed.EmbedEvents.detail;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.FaviconPainter;
import com.webdit.client.Failure;
import com.webdit.client.FramePlayer;
import com.webdit.client.IconImage;
import com.webdit.client.Lifecycle;
import com.webdit.client.Manifest;
import com.webdit.client.ServerBase;
import com.webdit.client.ServerFavicons;
import com.webdit.client.engine.Generation;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.StartNoise;
import elemental2.core.JsError;
import elemental2.core.JsObject;
import elemental2.core.ObjectPropertyDescriptor;
import elemental2.dom.AbortController;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLCanvasElement;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jsinterop.annotations.JsFunction;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * The drop-in script: {@code <script async src="https://HOST/embed.js" data-category=...>}.
 * Keeps the tab icon alive with freshly diffused favicons, sharing one engine and one weight
 * download among all tags on the page. It is written for pages it does not control:
 *
 * <ul>
 *   <li>it knows its script element from {@code document.currentScript} while it runs, and its
 *       server from that element's src, whatever other scripts the page has;
 *   <li>{@code window.WebDiT} exists as soon as the script has run (before its load event); a
 *       page that already has a {@code WebDiT} keeps it (the favicon still works, the API is then
 *       not installed); no other global is added;
 *   <li>nothing heavy starts before the page's load event and an idle moment, nothing at all in
 *       a frame (whose icon nobody sees) unless the tag says data-iframe="run", and nothing after
 *       {@code stop()}, which also cancels a download or engine build in progress;
 *   <li>the GPU is used only on a hardware adapter that draws a step in under
 *       {@link #SLOW_MS_PER_STEP}, and not when the visitor saves data; else,
 *       and after GPU failures as {@link Failure#action} decides, the server draws the favicons,
 *       at most one every 5 s, backing off as a 429's Retry-After says, and only PNG answers
 *       become the icon;
 *   <li>it never throws into the host page.
 * </ul>
 */
public final class EmbedApp implements EntryPoint {
  static final String GLOBAL = "WebDiT";
  /** Where a second copy of the script finds the first: a non-enumerable property of document. */
  static final String INSTANCE = "__webditEmbed";
  /** Above this the adapter is too slow to be worth the visitor's CPU: the server draws instead. */
  static final double SLOW_MS_PER_STEP = 2_000;

  @JsFunction
  interface GenerateFn {
    Promise<String> generate(Object options);
  }

  @JsFunction
  interface PackFn {
    Promise<elemental2.dom.Blob> pack();
  }

  @JsFunction
  interface Action {
    void run();
  }

  @JsFunction
  interface OnFn {
    void on(String type, EmbedEvents.Listener listener);
  }

  @JsFunction
  interface AddTagFn {
    void add(Element tag);
  }

  @JsFunction
  interface IdleFn {
    void request(Action callback, Object options);
  }

  private enum Mode { STARTING, GPU, SERVER, OFF }

  private final List<EmbedConfig> configs = new ArrayList<>();
  private final HostFavicon favicon = new HostFavicon();
  private final EmbedEvents events = new EmbedEvents();
  private final Map<Failure.Cause, Integer> failures = new HashMap<>();
  private final Map<EmbedConfig, Long> nextSeed = new HashMap<>();
  private final Manifest manifest = new Manifest();
  private final ServerFavicons server = new ServerFavicons();
  private final FaviconPainter painter; // the tab's icon: its canvas always holds the icon shown
  private final FaviconPainter apiPainter; // WebDiT.generate()'s images, which the tab does not show
  private Mode mode = Mode.STARTING;
  private Lifecycle lifecycle;
  private AbortController serverAbort;
  private boolean running = true;
  private boolean loopStarted;
  private boolean busy;
  private double timer = -1;
  private double nextAllowed; // performance.now() before which no favicon starts (the loop's pause)
  private int turn;
  private int loop; // increments on stop(): work of an older loop shows nothing
  private Promise<float[]> hostIcon; // the page's own icon as a start image, read once (data-remix)
  private MorphLeg pendingLeg; // the next morph leg, generated while the current one plays
  private boolean painted; // the painter's canvas holds the icon shown (what WebDiT.pack() packs)

  /** A morph leg on its way: which tag and seed it is for, and the generation. */
  private record MorphLeg(EmbedConfig config, long seed, Promise<Generation> generation) {}

  public EmbedApp() {
    painter = offscreenPainter();
    apiPainter = offscreenPainter();
  }

  private static FaviconPainter offscreenPainter() {
    HTMLCanvasElement canvas = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
    canvas.width = Limits.ICON_SIZE;
    canvas.height = Limits.ICON_SIZE;
    return new FaviconPainter(canvas, false);
  }

  @Override
  public void onModuleLoad() {
    try {
      Element script = DomGlobal.document.currentScript;
      JsPropertyMap<Object> doc = Js.asPropertyMap(DomGlobal.document);
      Object first = doc.get(INSTANCE);
      if (first != null) {
        Js.<AddTagFn>uncheckedCast(first).add(script); // another tag on the same page: one engine for all
        return;
      }
      ServerBase.setFromScript(script, "embed.js");
      JsPropertyMap<Object> descriptor = JsPropertyMap.of();
      descriptor.set("value", (AddTagFn) this::addTag);
      JsObject.defineProperty(DomGlobal.document, INSTANCE, Js.<ObjectPropertyDescriptor<Object>>uncheckedCast(descriptor));
      addTag(script);
      installApi();
      if (inFrame() && !configs.get(0).runInFrame) {
        running = false; // the icon of a frame is nobody's: WebDiT.start() still can run it
        return;
      }
      afterLoadAndIdle(this::startLoop);
    } catch (Throwable t) {
      DomGlobal.console.warn("WebDiT: could not start: " + t.getMessage());
    }
  }

  private void addTag(Element tag) {
    EmbedConfig c = EmbedConfig.of(tag);
    for (String w : c.warnings) {
      DomGlobal.console.warn("WebDiT: " + w);
    }
    configs.add(c);
  }

  private void installApi() {
    JsPropertyMap<Object> window = Js.asPropertyMap(DomGlobal.window);
    JsPropertyMap<Object> api = JsPropertyMap.of();
    api.set("generate", (GenerateFn) this::generateApi);
    api.set("start", (Action) this::start);
    api.set("stop", (Action) this::stop);
    api.set("on", (OnFn) events::on);
    api.set("pack", (PackFn) this::packApi);
    if (window.has(GLOBAL)) {
      DomGlobal.console.warn("WebDiT: this page already has a window.WebDiT, which is left alone; the favicon "
          + "still runs, without the JavaScript API");
      return;
    }
    window.set(GLOBAL, api);
  }

  private static boolean inFrame() {
    return DomGlobal.window != DomGlobal.window.top;
  }

  private static boolean hidden() {
    return "hidden".equals(DomGlobal.document.visibilityState);
  }

  /** After the page's load event, at an idle moment (or 2 s later at most). */
  private static void afterLoadAndIdle(Action action) {
    Action idle = () -> {
      Object ric = Js.asPropertyMap(DomGlobal.window).get("requestIdleCallback");
      if (ric != null) {
        Js.<IdleFn>uncheckedCast(ric).request(action, JsPropertyMap.of("timeout", 2000.0));
      } else {
        DomGlobal.setTimeout(ignored -> action.run(), 200);
      }
    };
    if ("complete".equals(DomGlobal.document.readyState)) {
      idle.run();
    } else {
      DomGlobal.window.addEventListener("load", e -> idle.run());
    }
  }

  private static boolean savesData() {
    Object connection = Js.asPropertyMap(DomGlobal.navigator).get("connection");
    return connection != null && Js.isTruthy(Js.asPropertyMap(connection).get("saveData"));
  }

  private void emit(String type, JsPropertyMap<Object> detail) {
    events.emit(type, detail);
  }

  // ------------------------------------------------------------------ start, stop, failures

  private void start() {
    if (!running) {
      running = true;
      startLoop();
    }
  }

  private void stop() {
    running = false;
    loop++;
    if (timer >= 0) {
      DomGlobal.clearTimeout(timer);
      timer = -1;
    }
    if (lifecycle != null) {
      lifecycle.cancel(); // the download, engine build and any further GPU work
      lifecycle = null;
    }
    if (serverAbort != null) {
      serverAbort.abort();
      serverAbort = null;
    }
    if (mode == Mode.GPU) {
      mode = Mode.STARTING; // a later start() builds a fresh lifecycle
    }
    busy = false;
    pendingLeg = null;
    favicon.restore();
    emit("stop", detail());
  }

  private void startLoop() {
    if (!running) {
      return;
    }
    if (!loopStarted) {
      loopStarted = true;
      DomGlobal.document.addEventListener("visibilitychange", e -> {
        if (running && !busy && !hidden()) {
          schedule(Math.max(0, nextAllowed - DomGlobal.performance.now()));
        }
      });
    }
    schedule(Math.max(0, nextAllowed - DomGlobal.performance.now()));
  }

  /** The GPU path, started once per loop; resolves with the mode it ended in. */
  private Promise<Mode> ready(EmbedConfig c) {
    if (mode != Mode.STARTING) {
      return Promise.resolve(mode);
    }
    if (savesData()) {
      return Promise.resolve(fallBack(new Failure(Failure.Cause.SAVE_DATA,
          "the visitor saves data (navigator.connection.saveData): the server draws the favicons")));
    }
    if (lifecycle == null) {
      lifecycle = new Lifecycle(manifest, new Lifecycle.Options(c.dtype, c.gpu.softwareAdapters), new Lifecycle.Listener() {
        @Override
        public void phase(String text) {
          // the embed has no status line; progress events carry the download
        }

        @Override
        public void progress(double loaded, double total) {
          emit("progress", detail("phase", "download", "loaded", loaded, "total", total));
        }

        @Override
        public void failedLater(Failure failure) {
          apply(failure);
        }
      });
    }
    Lifecycle mine = lifecycle;
    return mine.start().then(l -> {
      if (mode == Mode.STARTING && lifecycle == mine) {
        mode = Mode.GPU;
        emit("ready", detail("mode", "webgpu"));
      }
      return Promise.resolve(mode);
    }, error -> {
      apply(Failure.of(error));
      return Promise.resolve(mode);
    });
  }

  /** The failure policy, shared with the demo: retry, the server's favicons, or a message. */
  private void apply(Failure failure) {
    if (failure.cause == Failure.Cause.CANCELLED) {
      return;
    }
    int attempt = failures.merge(failure.cause, 1, Integer::sum);
    switch (failure.action(attempt)) {
      case RETRY:
        DomGlobal.console.info("WebDiT: " + failure.getMessage() + "; trying again");
        if (lifecycle != null) {
          lifecycle.cancel();
        }
        lifecycle = null;
        mode = Mode.STARTING;
        break;
      case SERVER_FALLBACK:
        fallBack(failure);
        break;
      case MESSAGE:
        DomGlobal.console.warn("WebDiT: " + failure.getMessage());
        mode = Mode.OFF;
        break;
      default:
        break;
    }
  }

  private Mode fallBack(Failure failure) {
    if (mode != Mode.SERVER) {
      mode = Mode.SERVER;
      if (lifecycle != null) {
        lifecycle.cancel();
        lifecycle = null;
      }
      DomGlobal.console.info("WebDiT: using server-rendered favicons (" + failure.getMessage() + ")");
      emit("fallback", detail("reason", failure.kind() + ": " + failure.getMessage()));
    }
    return mode;
  }

  // ------------------------------------------------------------------ the loop

  private void schedule(double ms) {
    if (timer >= 0) {
      DomGlobal.clearTimeout(timer);
    }
    timer = DomGlobal.setTimeout(ignored -> {
      timer = -1;
      tick();
    }, ms);
  }

  private long takeSeed(EmbedConfig c) {
    Long s = nextSeed.get(c);
    if (s == null) {
      s = c.seed >= 0 ? c.seed : (long) Math.floor(Math.random() * 4294967296.0);
    }
    nextSeed.put(c, Limits.seedPlus(s, 1));
    return s;
  }

  private void tick() {
    if (!running || busy || hidden() || mode == Mode.OFF) {
      return; // a visibilitychange restarts a hidden loop
    }
    busy = true;
    int myLoop = loop;
    EmbedConfig c = configs.get(turn++ % configs.size());
    long seed = takeSeed(c);
    double started = DomGlobal.performance.now();
    manifest.load(null).then(m -> ready(c)).then(now -> {
      if (myLoop != loop) {
        return Promise.resolve((Object) null);
      }
      String category = category(c);
      if (now == Mode.GPU) {
        return c.morph && !FramePlayer.reducedMotion() ? morph(c, category, seed, myLoop)
            : drawOnGpu(c, category, seed, myLoop);
      }
      if (now == Mode.SERVER) {
        return drawOnServer(c, category, seed, myLoop);
      }
      return Promise.resolve((Object) null);
    }).then(ignored -> {
      next(c, myLoop, started);
      return null;
    }, error -> {
      Failure f = Failure.of(error);
      if (f.cause != Failure.Cause.CANCELLED) {
        DomGlobal.console.warn("WebDiT: " + f.getMessage());
      }
      next(c, myLoop, started);
      return null;
    });
  }

  private void next(EmbedConfig c, int myLoop, double started) {
    if (myLoop != loop) {
      return;
    }
    busy = false;
    // The pause follows the favicon; favicons start at least MIN_LOOP_MS apart, and not before a 429 allows.
    // A morph on the GPU has none: its frames pace it, and it asks the server nothing.
    double pause = mode == Mode.GPU && c.morph && !FramePlayer.reducedMotion() ? 0
        : Math.max(c.loopMs, Math.max(Limits.MIN_LOOP_MS - (DomGlobal.performance.now() - started), server.waitMs()));
    nextAllowed = DomGlobal.performance.now() + pause;
    if (running) {
      schedule(pause);
    }
  }

  /** The tag's category if the model has it; else "any", with a warning once. */
  private String category(EmbedConfig c) {
    Categories cats = manifest.categories();
    if (cats.label(c.category) < 0) {
      DomGlobal.console.warn("WebDiT: data-category \"" + c.category + "\" is not one of " + cats.describe()
          + "; using any");
      c.category = Categories.ANY;
    }
    return c.category;
  }

  private Promise<Object> drawOnGpu(EmbedConfig c, String category, long seed, int myLoop) {
    Lifecycle l = lifecycle;
    int label = manifest.categories().label(category);
    return remixStart(c, (int) seed).then(start -> {
      if (myLoop != loop) {
        return Promise.resolve((Object) null);
      }
      return drawOnGpu(l, c, category, label, seed, start, myLoop);
    });
  }

  private Promise<Object> drawOnGpu(Lifecycle l, EmbedConfig c, String category, int label, long seed, float[] start,
      int myLoop) {
    double[] started = new double[1];
    double t0 = start == null ? 1.0 : c.remix;
    // Timed from a built engine: the rule judges the adapter's speed, not the one-off kernel
    // compile and weight upload (which also yields to the page and so takes longer than its work).
    return l.engineFor(1, c.cfg).then(built -> {
      started[0] = DomGlobal.performance.now();
      return l.generate(new int[] {(int) seed}, new int[] {label}, c.sampler, c.steps, c.cfg, start, t0);
    }).then(gen -> {
      judgeSpeed(c, DomGlobal.performance.now() - started[0], gen.steps, 1, "");
      return play(gen, c, category, seed, myLoop);
    }, error -> {
      apply(Failure.of(error));
      return Promise.resolve((Object) null);
    });
  }

  /**
   * The first-step rule: an adapter slower than {@link #SLOW_MS_PER_STEP} per step of one image
   * leaves the favicons to the server (unless the tag switched the rule off).
   */
  private void judgeSpeed(EmbedConfig c, double ms, int steps, int images, String what) {
    if (ms / ((double) steps * images) > SLOW_MS_PER_STEP && c.gpu.slownessRule) {
      fallBack(new Failure(Failure.Cause.SOFTWARE_ADAPTER, "this adapter took " + Math.round(ms / steps)
          + " ms per step" + what + ": the server draws the favicons"));
    }
  }

  private Promise<Object> play(Generation gen, EmbedConfig c, String category, long seed, int myLoop) {
    return FramePlayer.play(gen, 0, c.fps, painter, (step, steps, url) -> {
      painted = true;
      favicon.show(url);
      emit("frame", detail("step", (double) step, "steps", (double) steps, "url", url));
      if (step == steps) {
        emit("image", detail("url", url, "seed", (double) seed, "category", category));
      }
    }, () -> !running || myLoop != loop);
  }

  // ------------------------------------------------------------------ remix: variations of the page's own icon

  /**
   * The start of a remix of the page's own icon with this seed (null: plain generation). The icon
   * is read once; if it cannot be (another origin without CORS, an SVG without size, no icon at
   * all), the tag draws plain favicons from then on, after a console warning and a fallback event.
   */
  private Promise<float[]> remixStart(EmbedConfig c, int seed) {
    if (c.remix <= 0 || c.remix >= 1) { // strength 1 ignores the icon: plain generation
      return Promise.resolve((float[]) null);
    }
    if (hostIcon == null) {
      hostIcon = IconImage.fromUrl(favicon.originalHref(), lifecycle.weights().config().imageSize());
    }
    return hostIcon.then(image -> Promise.resolve(StartNoise.remix(seed, image, c.remix)), error -> {
      if (c.remix > 0) {
        c.remix = 0;
        String why = error instanceof Throwable t ? t.getMessage() : String.valueOf(error);
        DomGlobal.console.warn("WebDiT: data-remix: " + why + "; drawing new favicons instead");
        emit("fallback", detail("reason", "remix: " + why, "remix", true));
      }
      return Promise.resolve((float[]) null);
    });
  }

  // ------------------------------------------------------------------ morph: a favicon that keeps changing

  /**
   * One leg of the walk seed -> seed + 1: {@link Limits#MORPH_FRAMES_PER_LEG} slerped starts
   * generated in one engine batch (one submit), shown one finished image per frame at data-fps.
   * The next leg is generated while this one plays, so a GPU faster than the frame rate walks
   * without a pause; a slower one holds each leg's last frame until the next is ready.
   */
  private Promise<Object> morph(EmbedConfig c, String category, long seed, int myLoop) {
    int label = manifest.categories().label(category);
    MorphLeg leg = pendingLeg != null && pendingLeg.config() == c && pendingLeg.seed() == seed ? pendingLeg
        : morphLeg(c, label, seed);
    pendingLeg = null;
    return leg.generation().then(gen -> {
      if (myLoop != loop || !running) {
        return Promise.resolve((Object) null);
      }
      if (configs.size() == 1) {
        pendingLeg = morphLeg(c, label, Limits.seedPlus(seed, 1));
      }
      double frameMs = 1000.0 / c.fps;
      return new Promise<Object>((resolve, reject) -> showMorphFrame(gen, 0, frameMs, c, category, seed, myLoop,
          () -> resolve.onInvoke((Object) null)));
    }, error -> {
      apply(Failure.of(error));
      return Promise.resolve((Object) null);
    });
  }

  private MorphLeg morphLeg(EmbedConfig c, int label, long seed) {
    int frames = Limits.MORPH_FRAMES_PER_LEG;
    int[] seeds = new int[frames];
    int[] labels = new int[frames];
    java.util.Arrays.fill(seeds, (int) seed);
    java.util.Arrays.fill(labels, label);
    com.webdit.shared.model.DiTConfig config = lifecycle.weights().config();
    float[] starts = StartNoise.morphLeg((int) seed, frames, config.imageValues());
    double[] started = new double[1];
    Lifecycle l = lifecycle;
    // Timed from a built engine (as drawOnGpu): the leg's cost, not the one-off build of a 12-image engine.
    Promise<Generation> gen = l.engineFor(frames, c.cfg).then(built -> {
      started[0] = DomGlobal.performance.now();
      return l.generate(seeds, labels, c.sampler, c.steps, c.cfg, starts, 1.0);
    }).then(g -> {
      double ms = DomGlobal.performance.now() - started[0];
      emit("leg", detail("seed", (double) seed, "frames", (double) frames, "steps", (double) g.steps,
          "ms", ms, "framesPerSecond", frames * 1000.0 / ms, "submits", (double) g.profile.submits(),
          "dispatches", (double) g.profile.dispatches(), "gflopPerFrame", config.flopsPerForward() * g.profile.forwards() / 1e9,
          "profile", g.profile.summary()));
      judgeSpeed(c, ms, g.steps, frames, " of a morph leg");
      return Promise.resolve(g);
    });
    return new MorphLeg(c, seed, gen);
  }

  private void showMorphFrame(Generation gen, int j, double frameMs, EmbedConfig c, String category, long seed,
      int myLoop, Runnable done) {
    if (!running || myLoop != loop || j >= gen.images) {
      done.run();
      return;
    }
    String url = painter.paint(gen.frame(gen.steps - 1, j));
    painted = true;
    favicon.show(url);
    emit("frame", detail("step", (double) (j + 1), "steps", (double) gen.images, "url", url, "morph", true,
        "seed", (double) seed));
    if (j == 0) {
      // u = 0 is the seed's own start noise: this frame is that seed's plain favicon (to float rounding).
      emit("image", detail("url", url, "seed", (double) seed, "category", category));
    }
    DomGlobal.setTimeout(ignored -> showMorphFrame(gen, j + 1, frameMs, c, category, seed, myLoop, done), frameMs);
  }

  // ------------------------------------------------------------------ WebDiT.pack()

  /**
   * The icon the tab shows now as a favicon pack (zip Blob: ICO, PNGs, apple-touch-icon, link
   * tags), made in the page like the demo's Download; rejects before the first icon.
   */
  private Promise<elemental2.dom.Blob> packApi() {
    if (!painted) {
      return Promise.reject(new JsError("WebDiT.pack: no favicon has been drawn yet (wait for the 'image' event)"));
    }
    try {
      return Promise.resolve(com.webdit.client.FaviconDownload.blob(painter.pixels()));
    } catch (Throwable t) {
      return Promise.reject(new JsError("WebDiT.pack: " + t.getMessage()));
    }
  }

  private Promise<Object> drawOnServer(EmbedConfig c, String category, long loopSeed, int myLoop) {
    serverAbort = new AbortController();
    // A fixed pool per tag, so every visitor's fallback asks for the same few (cached) favicons.
    long seed = Limits.serverSeed(c.seed, loopSeed);
    return server.fetch(category, seed, c.steps, c.sampler, c.cfg, serverAbort.signal).then(url -> {
      if (!running || myLoop != loop) {
        return Promise.resolve((Object) null);
      }
      favicon.show(url);
      emit("frame", detail("step", (double) c.steps, "steps", (double) c.steps, "url", url));
      emit("image", detail("url", url, "seed", (double) seed, "category", category, "fallback", true));
      // The canvas keeps what the tab shows, so WebDiT.pack() packs server favicons too.
      return painter.paintUrl(url).then(drawn -> {
        painted = true;
        return Promise.resolve((Object) null);
      }, error -> Promise.resolve((Object) null));
    });
  }

  // ------------------------------------------------------------------ WebDiT.generate({seed, category, steps})

  private Promise<String> generateApi(Object options) {
    try {
      EmbedConfig base = configs.get(0);
      GenerateRequest r = GenerateRequest.of(options, base, () -> takeSeed(base));
      return manifest.load(null).then(m -> {
        int label = m.categories().label(r.category);
        if (label < 0) {
          return Promise.reject(new JsError("WebDiT.generate: category \"" + r.category + "\" is not one of "
              + m.categories().describe()));
        }
        String category = m.categories().name(label);
        return ready(base).then(now -> {
          if (now == Mode.GPU) {
            Lifecycle l = lifecycle;
            return r.remixImage(l.weights().config().imageSize()).then(image -> {
              // Strength 1 ignores the image: plain generation, so the noise is the GPU's own, bit for bit.
              boolean plain = image == null || r.strength == 1.0;
              float[] start = plain ? null : StartNoise.remix((int) r.seed, image, r.strength);
              return l.generate(new int[] {(int) r.seed}, new int[] {label}, base.sampler, r.steps, base.cfg, start,
                  plain ? 1.0 : r.strength);
            }).then(gen -> Promise.resolve(apiPainter.paint(gen.frame(gen.steps - 1, 0))));
          }
          if (r.remix != null) {
            return Promise.reject(new JsError("WebDiT.generate: remix needs WebGPU on this device; the server "
                + "draws new favicons only (README, \"Remix\")"));
          }
          return server.fetch(category, r.seed, r.steps, base.sampler, base.cfg, null);
        });
      }).catch_(error -> Promise.reject(error instanceof Failure f ? new JsError("WebDiT.generate: " + f.getMessage())
          : error instanceof IconImage.Unreadable u ? new JsError("WebDiT.generate: remix: " + u.getMessage()) : error));
    } catch (Throwable t) {
      return Promise.reject(new JsError("WebDiT.generate: " + t.getMessage()));
    }
  }
}
