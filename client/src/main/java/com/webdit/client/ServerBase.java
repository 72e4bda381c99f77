package com.webdit.client;

import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.NodeList;
import jsinterop.base.Js;

/**
 * The WebDiT server's root URL, taken from the src of the script that loaded this code
 * (".../embed.js" on a host page, ".../webdit/webdit.nocache.js" on our own pages), so the embed
 * fetches the model list, weights and kernels from its server wherever it is embedded.
 */
public final class ServerBase {
  static final String EMBED = "/embed.js";
  static final String MODULE = "/webdit/webdit.nocache.js";
  private static String root;

  private ServerBase() {}

  /** Absolute root URL ending in "/". */
  public static String root() {
    if (root == null) {
      root = find();
    }
    return root;
  }

  /** An absolute URL for a server path ("api/models" or "/weights/x"). */
  public static String url(String path) {
    return root() + (path.startsWith("/") ? path.substring(1) : path);
  }

  /** The script tags that embed WebDiT (data-attributes configure each). */
  public static java.util.List<Element> embedTags() {
    java.util.List<Element> tags = new java.util.ArrayList<>();
    NodeList<Element> scripts = DomGlobal.document.querySelectorAll("script[src]");
    for (int i = 0; i < scripts.length; i++) {
      Element s = scripts.item(i);
      if (stripQuery(src(s)).endsWith(EMBED)) {
        tags.add(s);
      }
    }
    return tags;
  }

  private static String src(Element script) {
    Object v = Js.asPropertyMap(script).get("src"); // the resolved, absolute URL
    return v == null ? "" : (String) v;
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static String find() {
    NodeList<Element> scripts = DomGlobal.document.querySelectorAll("script[src]");
    for (int i = 0; i < scripts.length; i++) {
      String s = stripQuery(src(scripts.item(i)));
      if (s.endsWith(EMBED)) {
        return s.substring(0, s.length() - EMBED.length() + 1);
      }
      if (s.endsWith(MODULE)) {
        return s.substring(0, s.length() - MODULE.length() + 1);
      }
    }
    String origin = DomGlobal.location.origin;
    return origin + "/";
  }
}
