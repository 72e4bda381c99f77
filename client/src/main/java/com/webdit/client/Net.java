package com.webdit.client;

import elemental2.dom.AbortSignal;
import elemental2.dom.DomGlobal;
import elemental2.dom.RequestInit;
import elemental2.dom.Response;
import elemental2.promise.Promise;

/** fetch() for the client: cancellable, and always a browser Promise even where the host wrapped fetch. */
public final class Net {
  private Net() {}

  public static Promise<Response> fetch(String url, AbortSignal signal) {
    RequestInit init = RequestInit.create();
    if (signal != null) {
      init.setSignal(signal);
    }
    // A host page may have wrapped window.fetch to return its own promise type: adopt it.
    return Promise.resolve(DomGlobal.fetch(url, init));
  }

  /** Resolves to the body text of a 2xx answer, else rejects with a NETWORK failure naming the status. */
  public static Promise<String> text(String url, AbortSignal signal) {
    return fetch(url, signal).then(r -> {
      if (!r.ok) {
        return Promise.reject(new Failure(Failure.Cause.NETWORK, url + " answered HTTP " + (int) r.status));
      }
      return r.text();
    });
  }
}
