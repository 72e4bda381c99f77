package com.webdit.client.runtime;

import com.webdit.client.net.Net;
import com.webdit.client.net.ServerBase;
import com.webdit.shared.product.FaviconQuery;
import elemental2.dom.AbortSignal;
import elemental2.dom.DomGlobal;
import elemental2.dom.FileReader;
import elemental2.promise.Promise;
import jsinterop.base.Js;

/**
 * Favicons drawn by the server's CPU renderer (GET /api/favicon.png): the path without WebGPU,
 * on a software adapter, when the visitor saves data, and after a GPU failure. Only a 200 with
 * a PNG becomes an icon; a 429 sets a pause as long as its Retry-After says, which {@link
 * #waitMs()} reports so the caller's next request comes after it.
 */
public final class ServerFavicons {
  private double notBefore;

  /** Milliseconds until the server wants to hear from us again (0 when it has not said). */
  public double waitMs() {
    return Math.max(0, notBefore - DomGlobal.performance.now());
  }

  /** The request's URL: the query spelled once, as the server reads it. */
  public static String url(FaviconQuery query) {
    return ServerBase.url("api/favicon.png?" + query.toQuery());
  }

  /**
   * Resolves to a PNG data URL, or rejects with a {@link Failure} that says what the server
   * answered. The query is valid by construction (FaviconQuery checks every value).
   */
  public Promise<String> fetch(FaviconQuery query, AbortSignal signal) {
    double wait = waitMs();
    if (wait > 0) {
      return Promise.reject(new Failure(Failure.Cause.NETWORK, "the server asked for a pause of "
          + Math.round(wait / 1000) + " s more (429)"));
    }
    String url = url(query);
    return Net.fetch(url, signal).then(r -> {
      if ((int) r.status == 429) {
        String after = r.headers.get("Retry-After");
        double seconds = 5;
        try {
          seconds = Math.max(1, Math.min(600, Double.parseDouble(after == null ? "5" : after.trim())));
        } catch (NumberFormatException ignored) {
          // an HTTP date or junk: the default pause
        }
        notBefore = DomGlobal.performance.now() + seconds * 1000;
        return Promise.reject(new Failure(Failure.Cause.NETWORK, "the server is busy (429): next try in "
            + Math.round(seconds) + " s"));
      }
      String type = r.headers.get("Content-Type");
      if (!r.ok || type == null || !type.startsWith("image/png")) {
        return r.text().then(body -> Promise.reject(new Failure(Failure.Cause.NETWORK, "the server answered HTTP "
            + (int) r.status + " to " + url + ": " + body.substring(0, Math.min(200, body.length())))));
      }
      return r.blob().then(blob -> new Promise<String>((resolve, reject) -> {
        FileReader reader = new FileReader();
        reader.onloadend = e -> {
          resolve.onInvoke((String) Js.uncheckedCast(reader.result));
          return null;
        };
        reader.readAsDataURL(blob);
      }));
    });
  }
}
