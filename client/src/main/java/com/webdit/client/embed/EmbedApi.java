package com.webdit.client.embed;

import com.webdit.client.runtime.Failure;
import com.webdit.client.runtime.FaviconDownload;
import com.webdit.client.runtime.FaviconPainter;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.client.runtime.IconImage;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import com.webdit.shared.sampling.Pixels;
import com.webdit.shared.sampling.StartNoise;
import elemental2.core.JsError;
import elemental2.dom.Blob;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.function.BooleanSupplier;
import jsinterop.annotations.JsFunction;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * {@code window.WebDiT}: {@code generate(options)}, one favicon on request, drawn the way the tab's
 * favicons are (GPU or server); {@code pack()}, the icon the tab shows as a favicon pack; and the
 * embed's {@code start()}, {@code stop()} and {@code on(type, listener)}.
 */
final class EmbedApi {
  static final String GLOBAL = "WebDiT";

  @JsFunction
  interface GenerateFn {
    Promise<String> generate(Object options);
  }

  @JsFunction
  interface PackFn {
    Promise<Blob> pack();
  }

  @JsFunction
  interface Action {
    void run();
  }

  @JsFunction
  interface OnFn {
    void on(String type, EmbedEvents.Listener listener);
  }

  private final FaviconRuntime runtime;
  private final Tag first;
  private final FaviconPainter tab;
  private final FaviconPainter images;
  private final BooleanSupplier painted;

  /**
   * @param tab the painter whose canvas holds the icon the tab shows
   * @param images a painter for generate()'s images, which the tab does not show
   * @param painted whether the tab's canvas holds a favicon yet
   */
  EmbedApi(FaviconRuntime runtime, Tag first, FaviconPainter tab, FaviconPainter images, BooleanSupplier painted) {
    this.runtime = runtime;
    this.first = first;
    this.tab = tab;
    this.images = images;
    this.painted = painted;
  }

  /** window.WebDiT, unless the page already has one (then the favicon runs without the API). */
  void install(Action start, Action stop, EmbedEvents events) {
    JsPropertyMap<Object> window = Js.asPropertyMap(DomGlobal.window);
    JsPropertyMap<Object> global = JsPropertyMap.of();
    global.set("generate", (GenerateFn) this::generate);
    global.set("start", start);
    global.set("stop", stop);
    global.set("on", (OnFn) events::on);
    global.set("pack", (PackFn) this::pack);
    if (window.has(GLOBAL)) {
      DomGlobal.console.warn("WebDiT: this page already has a window.WebDiT, which is left alone; the favicon "
          + "still runs, without the JavaScript API");
      return;
    }
    window.set(GLOBAL, global);
  }

  Promise<String> generate(Object options) {
    try {
      GenerateRequest r = GenerateRequest.of(options, first.config.query, first::takeSeed);
      return runtime.manifest().load(null).then(m -> {
        FaviconQuery query;
        try {
          query = r.query.canonical(m.categories());
        } catch (FaviconQuery.BadParameter e) {
          return Promise.reject(new JsError("WebDiT.generate: " + e.getMessage()));
        }
        int label = query.label(m.categories());
        return runtime.ready().then(now -> {
          if (now == FaviconRuntime.Mode.GPU) {
            int size = runtime.lifecycle().weights().config().imageSize();
            return r.remixRgba(size).then(rgba -> {
              float[] start = rgba == null ? null : StartNoise.remix((int) query.seed, Pixels.fromRgba8(rgba, size),
                  r.strength);
              return runtime.draw(query, label, start, start == null ? 1.0 : r.strength);
            }).then(d -> Promise.resolve(images.paint(d.generation().frame(d.generation().steps - 1, 0))));
          }
          // Without the GPU the server draws, a remix too: the start travels in the query.
          return r.remixRgba(Limits.ICON_SIZE).then(rgba -> runtime.fromServer(rgba == null ? query
              : query.withRemix(IconImage.bytes(rgba)).withStrength(r.strength), null));
        });
      }).catch_(error -> Promise.reject(error instanceof Failure f ? new JsError("WebDiT.generate: " + f.getMessage())
          : error instanceof IconImage.Unreadable u ? new JsError("WebDiT.generate: remix: " + u.getMessage()) : error));
    } catch (Throwable t) {
      return Promise.reject(new JsError("WebDiT.generate: " + t.getMessage()));
    }
  }

  /**
   * The icon the tab shows now as a favicon pack (zip Blob: ICO, PNGs, apple-touch-icon, link
   * tags), made in the page like the demo's Download; rejects before the first icon.
   */
  Promise<Blob> pack() {
    if (!painted.getAsBoolean()) {
      return Promise.reject(new JsError("WebDiT.pack: no favicon has been drawn yet (wait for the 'image' event)"));
    }
    try {
      return Promise.resolve(FaviconDownload.blob(tab.pixels()));
    } catch (Throwable t) {
      return Promise.reject(new JsError("WebDiT.pack: " + t.getMessage()));
    }
  }
}
