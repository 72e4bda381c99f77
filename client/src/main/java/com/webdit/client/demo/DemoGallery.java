package com.webdit.client.demo;

import com.webdit.client.runtime.FaviconPainter;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.core.Uint8ClampedArray;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.ImageData;
import elemental2.promise.Promise;
import jsinterop.base.Js;

/**
 * The gallery: one favicon per category (labelled), then a wall of {@link #WALL} seeds of the
 * chosen category, seeds counting up from the query's. On the GPU each set is one batch (one
 * pass); the server draws them one request each. Every icon is a button that draws it above.
 */
final class DemoGallery {
  /** How many seeds the wall shows: four rows of a phone's width, one batch on the GPU. */
  static final int WALL = 16;

  /** Draw this one above: its category and seed become the page's. */
  interface Pick {
    void pick(String category, long seed);
  }

  private final DemoPage page;
  private final FaviconRuntime runtime;
  private final Pick pick;
  private final Element gallery = DemoPage.byId("gallery");
  private final Element wall = DemoPage.byId("wall");

  DemoGallery(DemoPage page, FaviconRuntime runtime, Pick pick) {
    this.page = page;
    this.runtime = runtime;
    this.pick = pick;
  }

  /**
   * Both sets; the body's data-gallery and data-wall say "ready" as each is done (for the tests).
   * The profile line keeps the gallery's figure when the wall's joins it, so neither hides the other.
   */
  Promise<Object> draw(FaviconQuery q) {
    Categories cats = runtime.manifest().categories();
    FaviconQuery[] row = new FaviconQuery[cats.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = q.withSeed(Limits.seedPlus(q.seed, i)).withCategory(cats.name(i));
    }
    FaviconQuery[] seeds = new FaviconQuery[WALL];
    for (int i = 0; i < WALL; i++) {
      seeds[i] = q.withSeed(Limits.seedPlus(q.seed, row.length + i));
    }
    DomGlobal.document.body.removeAttribute("data-wall");
    return drawSet(gallery, row, true, "Gallery", "").then(galleryFigure -> {
      DomGlobal.document.body.setAttribute("data-gallery", "ready");
      return drawSet(wall, seeds, false, "Wall of seeds", galleryFigure + ", ");
    }).then(ignored -> {
      DomGlobal.document.body.setAttribute("data-wall", "ready");
      return Promise.resolve((Object) null);
    });
  }

  /**
   * Draws one set and shows its figure after earlier (the figures of the sets drawn before it);
   * resolves to its own figure ("gallery of 9 in 120 ms").
   */
  private Promise<String> drawSet(Element where, FaviconQuery[] set, boolean captions, String what, String earlier) {
    HTMLCanvasElement[] canvases = show(where, set, captions);
    double started = DomGlobal.performance.now();
    if (runtime.mode() != FaviconRuntime.Mode.GPU) {
      return fromServer(set, canvases, 0, what, earlier, started);
    }
    Categories cats = runtime.manifest().categories();
    int[] seeds = new int[set.length];
    int[] labels = new int[set.length];
    for (int i = 0; i < set.length; i++) {
      seeds[i] = (int) set[i].seed;
      labels[i] = set[i].label(cats);
    }
    FaviconQuery q = set[0];
    page.showStatus("loading", what + ": building the engine for " + set.length + " images and drawing them in one pass…");
    return runtime.lifecycle().generate(seeds, labels, q.sampler, q.steps, (float) q.cfg).then(gen -> {
      for (int i = 0; i < set.length; i++) {
        paint(canvases[i], gen.frame(gen.steps - 1, i), gen.size);
      }
      double ms = DomGlobal.performance.now() - started;
      String figure = what.toLowerCase() + " of " + set.length + " in " + Math.round(ms) + " ms";
      page.showProfile(gen.profile.summary() + "; " + earlier + figure, gen.profile.dispatches());
      page.showStatus("ok", what + " of " + set.length + " drawn in " + Math.round(ms) + " ms, in one pass.");
      return Promise.resolve(figure);
    });
  }

  private Promise<String> fromServer(FaviconQuery[] set, HTMLCanvasElement[] canvases, int i, String what,
      String earlier, double started) {
    if (i >= set.length) {
      String figure = what.toLowerCase() + " of " + set.length + " drawn by the server in "
          + Math.round(DomGlobal.performance.now() - started) + " ms";
      page.showProfile(earlier + figure, 0);
      page.showStatus("fallback", what + " of " + set.length + " drawn by the server.");
      return Promise.resolve(figure);
    }
    page.showStatus("loading", what + ": " + i + " of " + set.length + " drawn by the server…");
    return runtime.fromServer(set[i], null)
        .then(url -> new FaviconPainter(canvases[i], false).paintUrl(url))
        .then(ignored -> fromServer(set, canvases, i + 1, what, earlier, started));
  }

  /** Empty icons, each a button that draws its favicon above; captions name the category. */
  private HTMLCanvasElement[] show(Element where, FaviconQuery[] set, boolean captions) {
    where.innerHTML = "";
    HTMLCanvasElement[] canvases = new HTMLCanvasElement[set.length];
    for (int i = 0; i < set.length; i++) {
      FaviconQuery q = set[i];
      Element button = DomGlobal.document.createElement("button");
      button.className = "pick";
      button.setAttribute("type", "button");
      button.setAttribute("aria-label", "draw " + q.category + ", seed " + q.seed + ", above");
      button.setAttribute("data-seed", String.valueOf(q.seed));
      button.addEventListener("click", e -> pick.pick(q.category, q.seed));
      canvases[i] = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
      canvases[i].width = Limits.ICON_SIZE;
      canvases[i].height = Limits.ICON_SIZE;
      canvases[i].className = "pixels";
      button.appendChild(canvases[i]);
      if (captions) {
        Element figure = DomGlobal.document.createElement("figure");
        Element caption = DomGlobal.document.createElement("figcaption");
        caption.textContent = q.category;
        figure.appendChild(button);
        figure.appendChild(caption);
        where.appendChild(figure);
      } else {
        where.appendChild(button);
      }
    }
    return canvases;
  }

  private static void paint(HTMLCanvasElement canvas, Uint8ClampedArray rgba, int size) {
    CanvasRenderingContext2D ctx = Js.uncheckedCast(canvas.getContext("2d"));
    ImageData img = ctx.createImageData(size, size);
    img.data.set(rgba);
    ctx.putImageData(img, 0, 0);
  }
}
