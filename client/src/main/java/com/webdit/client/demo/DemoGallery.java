package com.webdit.client.demo;

import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/**
 * The demo's gallery: one favicon per category, labelled, seeds counting up from the query's: in
 * one GPU pass, or one server request each (counted as they arrive).
 */
final class DemoGallery {
  private final DemoPage page;
  private final FaviconRuntime runtime;

  DemoGallery(DemoPage page, FaviconRuntime runtime) {
    this.page = page;
    this.runtime = runtime;
  }

  Promise<Object> draw(FaviconQuery q) {
    Categories cats = runtime.manifest().categories();
    int n = cats.size();
    page.showGallery(cats);
    double started = DomGlobal.performance.now();
    if (runtime.mode() != FaviconRuntime.Mode.GPU) {
      return fromServer(q, cats, 0, started);
    }
    int[] seeds = new int[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = (int) Limits.seedPlus(q.seed, i);
      labels[i] = i;
    }
    page.showStatus("loading", "Gallery: building the engine for " + n + " images and drawing them in one pass…");
    return runtime.lifecycle().generate(seeds, labels, q.sampler, q.steps, (float) q.cfg).then(gen -> {
      for (int i = 0; i < n; i++) {
        page.galleryImage(i, gen.frame(gen.steps - 1, i), gen.size);
      }
      double ms = DomGlobal.performance.now() - started;
      page.showProfile(gen.profile.summary() + "; gallery of " + n + " in " + Math.round(ms) + " ms",
          gen.profile.dispatches());
      page.showStatus("ok", "Gallery of " + n + " drawn in " + Math.round(ms) + " ms.");
      return Promise.resolve((Object) null);
    });
  }

  private Promise<Object> fromServer(FaviconQuery q, Categories cats, int i, double started) {
    if (i >= cats.size()) {
      page.showProfile("gallery of " + cats.size() + " drawn by the server in "
          + Math.round(DomGlobal.performance.now() - started) + " ms", 0);
      page.showStatus("fallback", "Gallery of " + cats.size() + " drawn by the server.");
      return Promise.resolve((Object) null);
    }
    page.showStatus("loading", "Gallery: " + i + " of " + cats.size() + " drawn by the server…");
    return runtime.fromServer(q.withSeed(Limits.seedPlus(q.seed, i)).withCategory(cats.name(i)), null)
        .then(url -> page.galleryUrl(i, url))
        .then(ignored -> fromServer(q, cats, i + 1, started));
  }
}
