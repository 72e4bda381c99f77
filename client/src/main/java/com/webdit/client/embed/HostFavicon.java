package com.webdit.client.embed;

import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLLinkElement;
import elemental2.dom.Node;
import elemental2.dom.NodeList;
import java.util.ArrayList;
import java.util.List;
import jsinterop.base.Js;

/**
 * Takes over the host page's tab icon and gives it back: the page's own icon links are set
 * aside (not edited) while WebDiT shows its own, and put back, in place, by restore().
 */
final class HostFavicon {
  private final List<Element> saved = new ArrayList<>();
  private final List<Node> savedNext = new ArrayList<>();
  private final List<Node> savedParent = new ArrayList<>();
  private HTMLLinkElement ours;

  /**
   * The page's own icon as it was before WebDiT (what a remix starts from): a rel=icon link that
   * says 32x32 if there is one, else the first, else the browser's default /favicon.ico.
   */
  String originalHref() {
    List<Element> links = new ArrayList<>(saved);
    if (ours == null) {
      NodeList<Element> found = DomGlobal.document.querySelectorAll("link[rel~='icon']");
      for (int i = 0; i < found.length; i++) {
        links.add(found.item(i));
      }
    }
    HTMLLinkElement pick = null;
    for (Element l : links) {
      HTMLLinkElement link = Js.uncheckedCast(l);
      if (link.href == null || link.href.isEmpty()) {
        continue;
      }
      String sizes = l.getAttribute("sizes");
      if (pick == null || (sizes != null && sizes.contains("32x32"))) {
        pick = link;
      }
    }
    return pick != null ? pick.href : DomGlobal.location.origin + "/favicon.ico";
  }

  /** Shows href as the tab icon (a data URL or an absolute URL). */
  void show(String href) {
    if (ours == null) {
      NodeList<Element> links = DomGlobal.document.querySelectorAll("link[rel~='icon']");
      for (int i = 0; i < links.length; i++) {
        Element l = links.item(i);
        saved.add(l);
        savedParent.add(l.parentNode);
        savedNext.add(l.nextSibling);
      }
      for (Element l : saved) {
        l.parentNode.removeChild(l);
      }
      ours = Js.uncheckedCast(DomGlobal.document.createElement("link"));
      ours.rel = "icon";
      ours.setAttribute("data-webdit", "");
      DomGlobal.document.head.appendChild(ours);
    }
    ours.href = href;
  }

  /** Puts the host's own icons back where they were. */
  void restore() {
    if (ours == null) {
      return;
    }
    ours.parentNode.removeChild(ours);
    ours = null;
    for (int i = 0; i < saved.size(); i++) {
      Node next = savedNext.get(i);
      Node parent = savedParent.get(i);
      if (next != null && next.parentNode == parent) {
        parent.insertBefore(saved.get(i), next);
      } else {
        parent.appendChild(saved.get(i));
      }
    }
    saved.clear();
    savedNext.clear();
    savedParent.clear();
  }
}
