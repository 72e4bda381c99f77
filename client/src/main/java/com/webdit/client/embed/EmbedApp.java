package com.webdit.client.embed;

import static com.webdit.client.embed.EmbedEvents.detail;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.net.ServerBase;
import com.webdit.client.runtime.AfterFirstPaint;
import com.webdit.client.runtime.Failure;
import com.webdit.client.runtime.FaviconLoop;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.client.runtime.FramePlayer;
import com.webdit.client.runtime.Lifecycle;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.core.JsObject;
import elemental2.core.ObjectPropertyDescriptor;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
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
 *       {@link FaviconRuntime#SLOW_MS_PER_STEP}, and not when the visitor saves data; else,
 *       and after GPU failures as {@link Failure#action} decides, the server draws the favicons,
 *       at most one every 5 s, backing off as a 429's Retry-After says, and only PNG answers
 *       become the icon;
 *   <li>it never throws into the host page.
 * </ul>
 */
public final class EmbedApp implements EntryPoint {
  /** Where a second copy of the script finds the first: a non-enumerable property of document. */
  static final String INSTANCE = "__webditEmbed";

  @JsFunction
  interface AddTagFn {
    void add(Element tag);
  }

  private final List<Tag> tags = new ArrayList<>();
  private final HostFavicon favicon = new HostFavicon();
  private final EmbedEvents events = new EmbedEvents();
  private final FaviconLoop loop = new FaviconLoop(this::turn, this::pause);
  private FaviconRuntime runtime;
  private TabFavicons tab;
  private boolean wanted = true; // false after stop() (and in a frame) until start()
  private int turns;
  private Tag last; // the tag of the latest turn: its data-loop sets the pause

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
      EmbedConfig c = tags.get(0).config;
      runtime = new FaviconRuntime(new FaviconRuntime.Options(c.dtype, c.gpu.softwareAdapters, c.gpu.slownessRule, true,
          false), new RuntimeEvents());
      tab = new TabFavicons(runtime, favicon, events);
      new EmbedApi(runtime, tags.get(0), tab.painter, TabFavicons.offscreenPainter(), tab::painted)
          .install(this::start, this::stop, events);
      if (DomGlobal.window != DomGlobal.window.top && !c.runInFrame) {
        wanted = false; // the icon of a frame is nobody's: WebDiT.start() still can run it
        return;
      }
      AfterFirstPaint.run(() -> {
        if (wanted) {
          loop.start();
        }
      });
    } catch (Throwable t) {
      DomGlobal.console.warn("WebDiT: could not start: " + t.getMessage());
    }
  }

  private void addTag(Element tag) {
    EmbedConfig c = EmbedConfig.of(tag);
    for (String w : c.warnings) {
      DomGlobal.console.warn("WebDiT: " + w);
    }
    tags.add(new Tag(c));
  }

  private void start() {
    if (!wanted) {
      wanted = true;
      loop.start();
    }
  }

  /** Also cancels a download or engine build in progress: nothing more happens until start(). */
  private void stop() {
    wanted = false;
    loop.stop();
    runtime.stop();
    tab.stop();
    favicon.restore();
    events.emit("stop", detail());
  }

  /** What the runtime says, as console lines and the embed's events. */
  private final class RuntimeEvents implements FaviconRuntime.View {
    @Override
    public void progress(double loaded, double total) {
      events.emit("progress", detail("phase", "download", "loaded", loaded, "total", total));
    }

    @Override
    public void gpuReady(Lifecycle lifecycle) {
      events.emit("ready", detail("mode", "webgpu"));
    }

    @Override
    public void retrying(Failure failure) {
      DomGlobal.console.info("WebDiT: " + failure.getMessage() + "; trying again");
    }

    @Override
    public void fallback(Failure failure) {
      DomGlobal.console.info("WebDiT: using server-rendered favicons (" + failure.getMessage() + ")");
      events.emit("fallback", detail("reason", failure.kind() + ": " + failure.getMessage()));
    }

    @Override
    public void off(Failure failure) {
      DomGlobal.console.warn("WebDiT: " + failure.getMessage());
    }
  }

  // ------------------------------------------------------------------ one favicon per turn, the tags in turn

  private Promise<Object> turn(int generation) {
    Tag tag = tags.get(turns++ % tags.size());
    last = tag;
    long seed = tag.takeSeed();
    return runtime.manifest().load(null).then(m -> runtime.ready()).then(now -> {
      if (!loop.current(generation)) {
        return Promise.resolve((Object) null);
      }
      FaviconQuery query = tag.query(seed, runtime.manifest().categories());
      int label = query.label(runtime.manifest().categories());
      BooleanSupplier current = () -> loop.current(generation);
      if (now == FaviconRuntime.Mode.GPU) {
        return morphs(tag) ? tab.morph(tag, query, label, tags.size() == 1, current) : tab.onGpu(tag, query, label, current);
      }
      return now == FaviconRuntime.Mode.SERVER ? tab.fromServer(tag, query, current) : Promise.resolve((Object) null);
    }).catch_(error -> {
      Failure f = Failure.of(error);
      if (f.cause != Failure.Cause.CANCELLED) {
        DomGlobal.console.warn("WebDiT: " + f.getMessage());
      }
      return Promise.resolve((Object) null);
    });
  }

  private boolean morphs(Tag tag) {
    return tag.config.morph && !FramePlayer.reducedMotion();
  }

  /**
   * The pause after a favicon: favicons start at least MIN_LOOP_MS apart, and not before a 429
   * allows. A morph on the GPU has none: its frames pace it, and it asks the server nothing.
   */
  private double pause(double started) {
    FaviconRuntime.Mode mode = runtime.mode();
    if (mode == FaviconRuntime.Mode.OFF) {
      return -1;
    }
    if (mode == FaviconRuntime.Mode.GPU && morphs(last)) {
      return 0;
    }
    double sinceStart = DomGlobal.performance.now() - started;
    return Math.max(last.config.loopMs, Math.max(Limits.MIN_LOOP_MS - sinceStart, runtime.serverWaitMs()));
  }
}
