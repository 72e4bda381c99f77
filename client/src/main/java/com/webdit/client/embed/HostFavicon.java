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
