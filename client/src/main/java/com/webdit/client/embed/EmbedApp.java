package com.webdit.client.embed;

import com.webdit.client.FaviconPainter;
import com.webdit.client.GpuContext;
import com.webdit.client.GpuUnavailableException;
import com.webdit.client.ModelChoice;
import com.webdit.client.ServerBase;
import com.webdit.client.WeightDownload;
import com.webdit.client.engine.DiTEngine;
import com.webdit.client.engine.Generation;
import com.webdit.client.kernels.Gpu;
import com.webdit.shared.model.WeightFile;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.FileReader;
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
 * The drop-in script: `<script async src="https://HOST/embed.js" data-category=... >`. Keeps the
 * tab icon alive with freshly diffused favicons, sharing one engine and one weight download among
 * all tags on the page, pausing while the tab is hidden, and falling back to server-rendered
 * favicons when WebGPU is missing or fails twice. Its only global is {@code window.WebDiT}; it
 * never throws into the host page.
 */
public final class EmbedApp {
  static final String GLOBAL = "WebDiT";

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

  private enum Mode { STARTING, GPU, FALLBACK }

  private final List<EmbedConfig> configs = new ArrayList<>();
  private final HostFavicon favicon = new HostFavicon();
  private final Map<String, List<Listener>> listeners = new HashMap<>();
  private final Map<String, DiTEngine> engines = new HashMap<>();
  private final FaviconPainter painter;
  private Mode mode = Mode.STARTING;
  private Promise<Object> ready;
  private Gpu gpu;
  private WeightFile weights;
  private int gpuFailures;
  private boolean running;
  private boolean busy;
  private double timer = -1;
  private int turn;
  private final Map<EmbedConfig, Long> nextSeed = new HashMap<>();

  private EmbedApp() {
    HTMLCanvasElement canvas = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
    canvas.width = 32;
    canvas.height = 32;
    painter = new FaviconPainter(canvas, false);
  }

  /** Entry for embed pages: a second script tag finds the first instance and only rescans. */
  public static void boot() {
    try {
      JsPropertyMap<Object> window = Js.asPropertyMap(DomGlobal.window);
      if (window.has(GLOBAL)) {
        Object rescan = Js.asPropertyMap(window.get(GLOBAL)).get("rescan");
        if (rescan != null) {
          Js.<Action>uncheckedCast(rescan).run();
        }
        return;
      }
      EmbedApp app = new EmbedApp();
      app.install(window);
      app.rescan();
      app.start();
    } catch (Throwable t) {
      DomGlobal.console.warn("WebDiT: could not start: " + t.getMessage());
    }
  }

  private void install(JsPropertyMap<Object> window) {
    JsPropertyMap<Object> api = JsPropertyMap.of();
    api.set("generate", (GenerateFn) this::generateApi);
    api.set("start", (Action) this::start);
    api.set("stop", (Action) this::stop);
    api.set("on", (OnFn) this::on);
    api.set("rescan", (Action) this::rescan);
    window.set(GLOBAL, api);
  }

  /** Reads the data-attributes of every embed tag not seen yet. */
  void rescan() {
    List<Element> tags = ServerBase.embedTags();
    for (int i = configs.size(); i < Math.max(1, tags.size()); i++) {
      EmbedConfig c = EmbedConfig.of(i < tags.size() ? tags.get(i) : null);
      for (String w : c.warnings) {
        DomGlobal.console.warn("WebDiT: " + w);
      }
      configs.add(c);
    }
  }

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

  // ------------------------------------------------------------------ readiness and failures

  private Promise<Object> ready() {
    if (ready == null) {
      ready = GpuContext.create(this::onGpuFailure).then(ctx -> {
        gpu = new Gpu(ctx.device);
        return DomGlobal.fetch(ServerBase.url("api/models")).then(r -> r.text());
      }).then(manifest -> {
        ModelChoice choice = ModelChoice.pick(manifest, "f16", gpu.device.getLimits().getMaxStorageBufferBindingSize());
        return weights != null ? Promise.resolve((byte[]) null)
            : WeightDownload.fetchVerified(ServerBase.url(choice.url()), choice.bytes(), choice.sha256(),
                (loaded, total) -> emit("progress", detail("phase", "download", "loaded", loaded, "total", total)));
      }).then(bytes -> {
        if (bytes != null) {
          weights = WeightFile.open(bytes);
        }
        mode = Mode.GPU;
        emit("ready", detail("mode", "webgpu"));
        return Promise.resolve((Object) null);
      }).catch_(error -> {
        fallBack(error instanceof GpuUnavailableException g ? g.getMessage() : String.valueOf(error));
        return Promise.resolve((Object) null);
      });
    }
    return ready;
  }

  /** A device lost or GPU error after startup: one retry with a fresh device, then the fallback. */
  private void onGpuFailure(GpuUnavailableException failure) {
    gpuFailures++;
    engines.clear();
    gpu = null;
    if (gpuFailures >= 2 || failure.getMessage().contains("out-of-memory") || failure.getMessage().contains("memory")) {
      fallBack(failure.getMessage());
    } else {
      mode = Mode.STARTING;
      ready = null;
    }
  }

  private void fallBack(String reason) {
    if (mode != Mode.FALLBACK) {
      mode = Mode.FALLBACK;
      DomGlobal.console.info("WebDiT: using server-rendered favicons (" + reason + ")");
      emit("fallback", detail("reason", reason));
    }
  }

  // ------------------------------------------------------------------ the loop

  void start() {
    if (running) {
      return;
    }
    running = true;
    DomGlobal.document.addEventListener("visibilitychange", e -> {
      if (running && !busy && !hidden()) {
        schedule(0);
      }
    });
    schedule(0);
  }

  void stop() {
    running = false;
    if (timer >= 0) {
      DomGlobal.clearTimeout(timer);
      timer = -1;
    }
    favicon.restore();
    emit("stop", detail());
  }

  private static boolean hidden() {
    return "hidden".equals(DomGlobal.document.visibilityState);
  }

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
    if (!running || busy || hidden()) {
      return; // a visibilitychange restarts a hidden loop
    }
    busy = true;
    EmbedConfig c = configs.get(turn++ % configs.size());
    long seed = takeSeed(c);
    ready().then(ignored -> mode == Mode.GPU ? runGpu(c, seed) : runFallback(c, seed)).then(ignored -> {
      busy = false;
      if (running) {
        schedule(c.loopMs);
      }
      return null;
    }).catch_(error -> {
      busy = false;
      DomGlobal.console.warn("WebDiT: " + String.valueOf(error));
      if (running) {
        schedule(c.loopMs);
      }
      return null;
    });
  }

  private Promise<DiTEngine> engine(boolean guided) {
    String key = String.valueOf(guided);
    DiTEngine e = engines.get(key);
    if (e != null) {
      return Promise.resolve(e);
    }
    Gpu g = gpu;
    return DiTEngine.create(g, weights, 1, guided).then(created -> {
      engines.put(key, created);
      return Promise.resolve(created);
    });
  }

  private Promise<Generation> generateGpu(long seed, int label, int steps, EmbedConfig c) {
    return engine(c.cfg != 1f).then(e -> e.generate(new int[] {(int) seed}, new int[] {label}, c.sampler, steps, c.cfg,
        false));
  }

  private Promise<Object> runGpu(EmbedConfig c, long seed) {
    return generateGpu(seed, c.label, c.steps, c).then(gen -> new Promise<Object>((resolve, reject) ->
        playFrame(gen, c, seed, 0, () -> resolve.onInvoke((Object) null))));
  }

  private void playFrame(Generation gen, EmbedConfig c, long seed, int k, Runnable done) {
    if (!running) {
      done.run();
      return;
    }
    String url = painter.paint(gen.frame(k, 0));
    favicon.show(url);
    emit("frame", detail("step", (double) (k + 1), "steps", (double) gen.steps, "url", url));
    if (k + 1 >= gen.steps) {
      emit("image", detail("url", url, "seed", (double) seed, "category", c.categoryName()));
      done.run();
      return;
    }
    DomGlobal.setTimeout(ignored -> playFrame(gen, c, seed, k + 1, done), 1000.0 / c.fps);
  }

  private String serverUrl(long seed, int label, int steps, EmbedConfig c) {
    String category = label < EmbedConfig.CATEGORIES.length ? EmbedConfig.CATEGORIES[label] : "any";
    return ServerBase.url("api/favicon.png?seed=" + seed + "&category=" + category + "&steps=" + steps + "&sampler="
        + c.sampler.wireName + "&cfg=" + c.cfg);
  }

  private Promise<Object> runFallback(EmbedConfig c, long seed) {
    String url = serverUrl(seed, c.label, c.steps, c);
    favicon.show(url);
    emit("image", detail("url", url, "seed", (double) seed, "category", c.categoryName(), "fallback", true));
    return Promise.resolve((Object) null);
  }

  // ------------------------------------------------------------------ WebDiT.generate({seed, category, steps})

  private Promise<String> generateApi(Object options) {
    try {
      EmbedConfig base = configs.get(0);
      JsPropertyMap<Object> o = options == null ? JsPropertyMap.of() : Js.asPropertyMap(options);
      long seed = o.has("seed") ? (long) Js.asDouble(o.get("seed")) : takeSeed(base);
      int label = o.has("category") ? EmbedConfig.label(String.valueOf(o.get("category")), new EmbedConfig()) : base.label;
      int steps = o.has("steps") ? Math.max(1, Math.min(100, (int) Js.asDouble(o.get("steps")))) : base.steps;
      return ready().then(ignored -> {
        if (mode == Mode.GPU) {
          return generateGpu(seed, label, steps, base).then(gen -> Promise.resolve(painter.paint(gen.frame(gen.steps - 1, 0))));
        }
        return DomGlobal.fetch(serverUrl(seed, label, steps, base)).then(r -> r.blob()).then(blob ->
            new Promise<String>((resolve, reject) -> {
              FileReader reader = new FileReader();
              reader.onloadend = e -> {
                resolve.onInvoke((String) Js.uncheckedCast(reader.result));
                return null;
              };
              reader.readAsDataURL(blob);
            }));
      });
    } catch (Throwable t) {
      return Promise.reject(t.getMessage());
    }
  }
}
