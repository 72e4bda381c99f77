package com.webdit.client.embed;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.FaviconPainter;
import com.webdit.client.Failure;
import com.webdit.client.FramePlayer;
import com.webdit.client.Lifecycle;
import com.webdit.client.Manifest;
import com.webdit.client.ServerBase;
import com.webdit.client.ServerFavicons;
import com.webdit.client.engine.Generation;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.Limits;
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
  interface Listener {
    void handle(Object detail);
  }

  @JsFunction
  interface GenerateFn {
    Promise<String> generate(Object options);
  }

  @JsFunction
  interface Action {
    void run();
  }

  @JsFunction
  interface OnFn {
    void on(String type, Listener listener);
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
  private final Map<String, List<Listener>> listeners = new HashMap<>();
  private final Map<Failure.Cause, Integer> failures = new HashMap<>();
  private final Map<EmbedConfig, Long> nextSeed = new HashMap<>();
  private final Manifest manifest = new Manifest();
  private final ServerFavicons server = new ServerFavicons();
  private final FaviconPainter painter;
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

  public EmbedApp() {
    HTMLCanvasElement canvas = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
    canvas.width = 32;
    canvas.height = 32;
    painter = new FaviconPainter(canvas, false);
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
    api.set("on", (OnFn) this::on);
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

  // ------------------------------------------------------------------ events

  private void on(String type, Listener listener) {
    listeners.computeIfAbsent(type, k -> new ArrayList<>()).add(listener);
  }

  private void emit(String type, JsPropertyMap<Object> detail) {
    List<Listener> list = listeners.get(type);
    if (list == null) {
      return;
    }
    for (Listener l : new ArrayList<>(list)) {
      try {
        l.handle(detail);
      } catch (Throwable t) {
        DomGlobal.console.warn("WebDiT: a '" + type + "' listener threw: " + t.getMessage());
      }
    }
  }

  private static JsPropertyMap<Object> detail(Object... keyValues) {
    JsPropertyMap<Object> m = JsPropertyMap.of();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.set((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
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
    nextSeed.put(c, (s + 1) & 0xFFFFFFFFL);
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
        return drawOnGpu(c, category, seed, myLoop);
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
    double pause = Math.max(c.loopMs, Math.max(Limits.MIN_LOOP_MS - (DomGlobal.performance.now() - started),
        server.waitMs()));
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
    double[] started = new double[1];
    // Timed from a built engine: the rule judges the adapter's speed, not the one-off kernel
    // compile and weight upload (which also yields to the page and so takes longer than its work).
    return l.engineFor(1, c.cfg).then(built -> {
      started[0] = DomGlobal.performance.now();
      return l.generate(new int[] {(int) seed}, new int[] {label}, c.sampler, c.steps, c.cfg);
    }).then(gen -> {
      double msPerStep = (DomGlobal.performance.now() - started[0]) / gen.steps;
      if (msPerStep > SLOW_MS_PER_STEP && c.gpu.slownessRule) {
        fallBack(new Failure(Failure.Cause.SOFTWARE_ADAPTER, "this adapter took " + Math.round(msPerStep)
            + " ms per step: the server draws the favicons"));
      }
      return play(gen, c, category, seed, myLoop);
    }, error -> {
      apply(Failure.of(error));
      return Promise.resolve((Object) null);
    });
  }

  private Promise<Object> play(Generation gen, EmbedConfig c, String category, long seed, int myLoop) {
    return FramePlayer.play(gen, 0, c.fps, painter, (step, steps, url) -> {
      favicon.show(url);
      emit("frame", detail("step", (double) step, "steps", (double) steps, "url", url));
      if (step == steps) {
        emit("image", detail("url", url, "seed", (double) seed, "category", category));
      }
    }, () -> !running || myLoop != loop);
  }

  private Promise<Object> drawOnServer(EmbedConfig c, String category, long loopSeed, int myLoop) {
    serverAbort = new AbortController();
    // A fixed pool per tag, so every visitor's fallback asks for the same few (cached) favicons.
    long seed = Limits.serverSeed(c.seed, loopSeed);
    return server.fetch(category, seed, c.steps, c.sampler, c.cfg, serverAbort.signal).then(url -> {
      if (running && myLoop == loop) {
        favicon.show(url);
        emit("frame", detail("step", (double) c.steps, "steps", (double) c.steps, "url", url));
        emit("image", detail("url", url, "seed", (double) seed, "category", category, "fallback", true));
      }
      return Promise.resolve((Object) null);
    });
  }

  // ------------------------------------------------------------------ WebDiT.generate({seed, category, steps})

  private Promise<String> generateApi(Object options) {
    try {
      EmbedConfig base = configs.get(0);
      JsPropertyMap<Object> o = options == null ? JsPropertyMap.of() : Js.asPropertyMap(options);
      String problem = null;
      long seed = 0;
      if (o.has("seed")) {
        double s = number(o.get("seed"));
        problem = Limits.checkSeed(s);
        seed = (long) s;
      } else {
        seed = takeSeed(base);
      }
      int steps = base.steps;
      if (problem == null && o.has("steps")) {
        double s = number(o.get("steps"));
        problem = Limits.checkSteps(s);
        steps = (int) s;
      }
      if (problem != null) {
        return Promise.reject(new JsError("WebDiT.generate: " + problem));
      }
      String wanted = o.has("category") ? String.valueOf(o.get("category")) : base.category;
      long theSeed = seed;
      int theSteps = steps;
      return manifest.load(null).then(m -> {
        int label = m.categories().label(wanted);
        if (label < 0) {
          return Promise.reject(new JsError("WebDiT.generate: category \"" + wanted + "\" is not one of "
              + m.categories().describe()));
        }
        String category = m.categories().name(label);
        return ready(base).then(now -> {
          if (now == Mode.GPU) {
            return lifecycle.generate(new int[] {(int) theSeed}, new int[] {label}, base.sampler, theSteps, base.cfg)
                .then(gen -> Promise.resolve(painter.paint(gen.frame(gen.steps - 1, 0))));
          }
          return server.fetch(category, theSeed, theSteps, base.sampler, base.cfg, null);
        });
      }).catch_(error -> Promise.reject(error instanceof Failure f ? new JsError("WebDiT.generate: " + f.getMessage())
          : error));
    } catch (Throwable t) {
      return Promise.reject(new JsError("WebDiT.generate: " + t.getMessage()));
    }
  }

  /** A JS number as it is; anything else is NaN, which every check refuses. */
  private static double number(Object value) {
    return "number".equals(Js.typeof(value)) ? Js.asDouble(value) : Double.NaN;
  }
}
