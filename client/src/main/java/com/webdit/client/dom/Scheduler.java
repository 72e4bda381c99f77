package com.webdit.client.dom;

import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import jsinterop.annotations.JsMethod;
import jsinterop.annotations.JsOverlay;
import jsinterop.annotations.JsPackage;
import jsinterop.annotations.JsType;
import jsinterop.base.Js;

/** window.scheduler (Prioritized Task Scheduling), only its yield(); Chromium 129+ has it. */
@JsType(isNative = true, namespace = JsPackage.GLOBAL, name = "Object")
public class Scheduler {
  /** Resolves in a new task, ahead of other queued tasks of the same priority. */
  @JsMethod(name = "yield")
  public native Promise<Object> yieldTask();

  /** window.scheduler when it has a yield function, else null. */
  @JsOverlay
  public static Scheduler get() {
    Object scheduler = Js.asPropertyMap(DomGlobal.window).get("scheduler");
    if (scheduler == null || !"function".equals(Js.typeof(Js.asPropertyMap(scheduler).get("yield")))) {
      return null;
    }
    return Js.uncheckedCast(scheduler);
  }
}
