package com.webdit.client.net;

import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import jsinterop.base.Js;

/**
 * The WebDiT server's root URL, taken from the src of the script element that is running this
 * code ({@code document.currentScript}, read by the entry point while the script executes):
 * ".../embed.js" on a host page, ".../demo/demo.js" and ".../tests/tests.js" on our own pages.
 * So the embed fetches the model list, weights and kernels from its own server wherever it is
 * embedded, whatever other scripts the page has.
 */
public final class ServerBase {
  private static String root;

  private ServerBase() {}

  /** Called by each entry point with its own script element and its path under the root ("demo/demo.js"). */
  public static void setFromScript(Element script, String fileName) {
    Object src = script == null ? null : Js.asPropertyMap(script).get("src"); // resolved, absolute
    String s = src == null ? "" : stripQuery((String) src);
    if (s.endsWith("/" + fileName)) {
      root = s.substring(0, s.length() - fileName.length());
    }
  }

  /** Absolute root URL ending in "/". */
  public static String root() {
    if (root == null) {
      root = DomGlobal.location.origin + "/";
    }
    return root;
  }

  /** An absolute URL for a server path ("api/models" or "/weights/x"). */
  public static String url(String path) {
    return root() + (path.startsWith("/") ? path.substring(1) : path);
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    int h = url.indexOf('#');
    int end = q < 0 ? h : (h < 0 ? q : Math.min(q, h));
    return end < 0 ? url : url.substring(0, end);
  }
}
