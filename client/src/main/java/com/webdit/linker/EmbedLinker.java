package com.webdit.linker;

import com.google.gwt.core.ext.linker.LinkerOrder;
import com.google.gwt.core.ext.linker.Shardable;

/**
 * The embed's script: a {@link ScriptLinker} whose program sees the host's window through a
 * guarded view. Three things differ from the window itself: {@code Promise} is the browser's own
 * (taken from an async function, so a host that replaced {@code window.Promise} with its own
 * implementation, as zone.js does, cannot break the program's type checks); {@code goog}, where
 * Elemental2 looks up {@code goog.global}, is the program's own, so the host's {@code window.goog}
 * is neither read nor written, nor is {@code $gwt}, where GWT's runtime would write into the
 * host's object of that name; and writes stay in the view, never on the host's window. Functions
 * read through the view are called on the window. The one global the embed adds,
 * {@code WebDiT}, it sets on the real window explicitly.
 */
@LinkerOrder(LinkerOrder.Order.PRIMARY)
@Shardable
public final class EmbedLinker extends ScriptLinker {
  @Override
  public String getDescription() {
    return "WebDiT embed script";
  }

  @Override
  protected String windowExpression() {
    return "(function (w) {\n"
        + "  var own = Object.create(null);\n"
        + "  own.Promise = Object.getPrototypeOf((async function () {})()).constructor;\n"
        + "  own.goog = {global: w};\n"
        + "  own.$gwt = undefined;\n"
        + "  return new Proxy(w, {\n"
        + "    get: function (t, k) {\n"
        + "      if (k in own) { return own[k]; }\n"
        + "      var v = t[k];\n"
        + "      return typeof v === 'function' && typeof k === 'string' && /^[a-z]/.test(k) ? v.bind(t) : v;\n"
        + "    },\n"
        + "    set: function (t, k, v) { own[k] = v; return true; },\n"
        + "    has: function (t, k) { return k in own || k in t; }\n"
        + "  });\n"
        + "})(globalThis)";
  }

  /**
   * GWT's runtime also names {@code window} directly: it writes into a {@code window.$gwt} object
   * when the page has one. Inside the script, {@code window} is the guarded view too.
   */
  @Override
  protected String scopeDeclarations() {
    return "var window = $wnd;\n";
  }
}
