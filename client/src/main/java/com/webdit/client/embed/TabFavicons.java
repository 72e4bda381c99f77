package com.webdit.client.embed;

import static com.webdit.client.embed.EmbedEvents.detail;

import com.webdit.client.runtime.Failure;
import com.webdit.client.runtime.FaviconPainter;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.client.runtime.FramePlayer;
import com.webdit.client.runtime.IconImage;
import com.webdit.client.runtime.MorphWalk;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.dom.AbortController;
import elemental2.dom.DomGlobal;
import elemental2.dom.HTMLCanvasElement;
import elemental2.promise.Promise;
import java.util.function.BooleanSupplier;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * One turn's favicon in the host page's tab, with the embed's events: drawn on the GPU (plain or
 * a remix of the page's icon, its denoising played at data-fps), a morph leg, or the server's.
 * Work whose turn is no longer {@code current} shows nothing.
 */
final class TabFavicons {
  /** Its canvas always holds the icon the tab shows (what WebDiT.pack() packs). */
  final FaviconPainter painter = offscreenPainter();
  private final FaviconRuntime runtime;
  private final MorphWalk walk;
  private final HostFavicon favicon;
  private final EmbedEvents events;
  private final HostIconRemix remix;
  private AbortController serverAbort;
  private boolean painted;

  TabFavicons(FaviconRuntime runtime, HostFavicon favicon, EmbedEvents events) {
    this.runtime = runtime;
    this.walk = new MorphWalk(runtime);
    this.favicon = favicon;
    this.events = events;
    this.remix = new HostIconRemix(favicon, events);
  }

  static FaviconPainter offscreenPainter() {
    HTMLCanvasElement canvas = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
    canvas.width = Limits.ICON_SIZE;
    canvas.height = Limits.ICON_SIZE;
    return new FaviconPainter(canvas, false);
  }

  /** Whether the tab shows one of our favicons yet. */
  boolean painted() {
    return painted;
  }

  /** Drops a prefetched morph leg and aborts a server request in flight. */
  void stop() {
    walk.clear();
    if (serverAbort != null) {
      serverAbort.abort();
      serverAbort = null;
    }
  }

  Promise<Object> onGpu(Tag tag, FaviconQuery query, int label, BooleanSupplier current) {
    int size = runtime.lifecycle().weights().config().imageSize();
    return remix.start(tag, (int) query.seed, size).then(start -> {
      if (!current.getAsBoolean()) {
        return Promise.resolve((Object) null);
      }
      return runtime.draw(query, label, start, start == null ? 1.0 : tag.remix()).then(d -> FramePlayer.play(
          FramePlayer.steps(d.generation(), 0), tag.config.fps, painter, (step, steps, url) -> {
            show(url, detail("step", (double) step, "steps", (double) steps, "url", url));
            if (step == steps) {
              events.emit("image", detail("url", url, "seed", (double) query.seed, "category", query.category));
            }
          }, () -> !current.getAsBoolean()), error -> {
            runtime.apply(Failure.of(error));
            return Promise.resolve((Object) null);
          });
    });
  }

  private void show(String url, JsPropertyMap<Object> frame) {
    painted = true;
    favicon.show(url);
    events.emit("frame", frame);
  }

  /** One leg of the walk seed -> seed + 1; with prefetch the next leg is generated while this one plays. */
  Promise<Object> morph(Tag tag, FaviconQuery query, int label, boolean prefetch, BooleanSupplier current) {
    return walk.leg(query, label).then(leg -> {
      events.emit("leg", detail("seed", (double) leg.seed(), "frames", (double) leg.frames(), "steps",
          (double) leg.generation().steps, "ms", leg.ms(), "framesPerSecond", leg.framesPerSecond(), "submits",
          (double) leg.generation().profile.submits(), "dispatches", (double) leg.generation().profile.dispatches(),
          "gflopPerFrame", leg.gflopPerFrame(), "profile", leg.generation().profile.summary()));
      if (!current.getAsBoolean()) {
        return Promise.resolve((Object) null);
      }
      if (prefetch) {
        walk.prefetch(tag.query(Limits.seedPlus(query.seed, 1), runtime.manifest().categories()), label);
      }
      return FramePlayer.play(FramePlayer.images(leg.generation()), tag.config.fps, painter, (j, frames, url) -> {
        show(url, detail("step", (double) j, "steps", (double) frames, "url", url, "morph", true, "seed",
            (double) query.seed));
        if (j == 1) {
          // u = 0 is the seed's own start noise: this frame is that seed's plain favicon (to float rounding).
          events.emit("image", detail("url", url, "seed", (double) query.seed, "category", query.category));
        }
      }, () -> !current.getAsBoolean());
    }, error -> {
      runtime.apply(Failure.of(error));
      return Promise.resolve((Object) null);
    });
  }

  Promise<Object> fromServer(Tag tag, FaviconQuery query, BooleanSupplier current) {
    // A fixed pool per tag, so every visitor's fallback asks for the same few (cached) favicons.
    long seed = Limits.serverSeed(tag.config.seeded ? tag.config.query.seed : -1, query.seed);
    return remix.icon(tag, Limits.ICON_SIZE).then(rgba -> {
      FaviconQuery asked = rgba == null ? query.withSeed(seed)
          : query.withSeed(seed).withRemix(IconImage.bytes(rgba)).withStrength(tag.config.remix);
      serverAbort = new AbortController();
      return runtime.fromServer(asked, serverAbort.signal);
    }).then(url -> {
      if (!current.getAsBoolean()) {
        return Promise.resolve((Object) null);
      }
      favicon.show(url);
      events.emit("frame", detail("step", (double) query.steps, "steps", (double) query.steps, "url", url));
      events.emit("image", detail("url", url, "seed", (double) seed, "category", query.category, "fallback", true));
      // The canvas keeps what the tab shows, so WebDiT.pack() packs server favicons too.
      return painter.paintUrl(url).then(drawn -> {
        painted = true;
        return Promise.resolve((Object) null);
      }, error -> Promise.resolve((Object) null));
    });
  }
}
