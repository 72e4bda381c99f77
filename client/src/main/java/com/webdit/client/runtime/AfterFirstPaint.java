package com.webdit.client.runtime;

import elemental2.dom.DomGlobal;
import jsinterop.annotations.JsFunction;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * When the heavy work (model list, weights, kernels, the first favicon) may start: after the
 * page's load event and at an idle moment, or 2 s after load at most. Until then the page paints
 * and answers input; the demo and the embed both wait here, so neither costs its page a slow first
 * paint or a long task during load.
 */
public final class AfterFirstPaint {
  @JsFunction
  interface IdleFn {
    void request(Action callback, Object options);
  }

  @JsFunction
  public interface Action {
    void run();
  }

  private AfterFirstPaint() {}

  public static void run(Action action) {
    Action idle = () -> {
      Object ric = Js.asPropertyMap(DomGlobal.window).get("requestIdleCallback");
      if (ric != null) {
        Js.<IdleFn>uncheckedCast(ric).request(action, JsPropertyMap.of("timeout", 2000.0));
      } else {
        DomGlobal.setTimeout(ignored -> action.run(), 200); // Safari before 18: no requestIdleCallback
      }
    };
    if ("complete".equals(DomGlobal.document.readyState)) {
      idle.run();
    } else {
      DomGlobal.window.addEventListener("load", e -> idle.run());
    }
  }
}
