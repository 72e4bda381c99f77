package com.webdit.client.net;

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
}
