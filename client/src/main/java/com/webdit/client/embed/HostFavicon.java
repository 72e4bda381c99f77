package com.webdit.client.embed;

import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLLinkElement;
import elemental2.dom.MutationObserver;
import elemental2.dom.MutationObserverInit;
import elemental2.dom.NodeList;
import java.util.ArrayList;
import java.util.List;
import jsinterop.base.Js;

/**
 * Shows WebDiT's favicon on the host page without fighting the page's own DOM: no node of the
 * page is removed or moved, so a framework that owns its icon link (React, Turbo's head merge)
 * finds it where it left it.
 *
 * <p>Our link ({@code link[rel=icon][data-webdit]}) is appended to {@code <head>}. Order alone
 * does not make a browser show it: Chromium keeps the icon it shows as long as that URL is still a
 * candidate, and prefers an SVG icon over any PNG; Firefox prefers SVG, then a {@code sizes} that
 * fits the tab. So while WebDiT runs, the page's icon links stop being icons in the one way
 * browsers and frameworks agree on: the {@code icon} token of their {@code rel} becomes
 * {@value #HIDDEN} (nothing else of the node changes). A MutationObserver on {@code <head>} keeps
 * it so: an icon link the page adds or re-labels is hidden the same way, and our link is appended
 * again when a head merge drops it (at most one repair per {@value #REPAIR_MS} ms). Copies of our
 * nodes that come back with a cached snapshot of the page (Turbo's back button) are handled as
 * ours: a copy of our link is removed, a copy of a hidden link gets its icon back on restore.
 *
 * <p>{@link #restore()} gives back what the page has now, not a copy from before: our link
 * first shows the page's current icon (Firefox reloads the tab icon only when a link's
 * {@code href} changes), is removed, and each hidden link still labelled by us gets its
 * {@code rel} back (which makes Chromium choose among the page's icons again). It never throws.
 */
final class HostFavicon {
  static final String HIDDEN = "webdit-hidden-icon";
  static final int REPAIR_MS = 100;

  /** The page's links we re-labelled: the node, its rel before, and the rel we gave it. */
  private final List<Element> hidden = new ArrayList<>();
  private final List<String> hiddenWas = new ArrayList<>();
  private final List<String> hiddenAs = new ArrayList<>();
  private HTMLLinkElement ours;
  private MutationObserver observer;
  private Element observedHead;
  private double lastRepair = -1e9;
  private double repairTimer = -1;

  /**
   * The page's own icon as it was before WebDiT (what a remix starts from): a rel=icon link that
   * says 32x32 if there is one, else the first, else the browser's default /favicon.ico.
   */
  String originalHref() {
    HTMLLinkElement pick = null;
    for (HTMLLinkElement link : pageIcons()) {
      String sizes = link.getAttribute("sizes");
      if (pick == null || (sizes != null && sizes.contains("32x32"))) {
        pick = link;
      }
    }
    return pick != null ? pick.href : defaultIcon();
  }

  /** Shows href as the tab icon (a data URL or an absolute URL). */
  void show(String href) {
    if (ours == null) {
      ours = Js.uncheckedCast(DomGlobal.document.createElement("link"));
      ours.rel = "icon";
      ours.setAttribute("data-webdit", "");
      ours.href = href;
      observer = new MutationObserver((records, o) -> {
        scheduleRepair();
        return null;
      });
      repair();
    } else {
      ours.href = href;
    }
  }

  /** Removes our link and gives the page's icons back as they are now; never throws. */
  void restore() {
    try {
      if (observer != null) {
        observer.disconnect();
        observer = null;
        observedHead = null;
      }
      if (repairTimer >= 0) {
        DomGlobal.clearTimeout(repairTimer);
        repairTimer = -1;
      }
      if (ours != null) {
        HTMLLinkElement link = ours;
        ours = null;
        if (link.isConnected) {
          link.href = currentPageIcon();
        }
        link.remove();
      }
      NodeList<Element> copies = DomGlobal.document.querySelectorAll("link[data-webdit]");
      for (int i = 0; i < copies.length; i++) {
        copies.item(i).remove();
      }
      for (int i = 0; i < hidden.size(); i++) {
        Element l = hidden.get(i);
        if (hiddenAs.get(i).equals(l.getAttribute("rel"))) {
          l.setAttribute("rel", hiddenWas.get(i));
        }
      }
    } catch (Throwable t) {
      DomGlobal.console.warn("WebDiT: could not give the page's icon back: " + t.getMessage());
    } finally {
      hidden.clear();
      hiddenWas.clear();
      hiddenAs.clear();
    }
  }

  private void scheduleRepair() {
    if (ours == null || repairTimer >= 0) {
      return;
    }
    double wait = lastRepair + REPAIR_MS - DomGlobal.performance.now();
    if (wait <= 0) {
      repair();
    } else {
      repairTimer = DomGlobal.setTimeout(ignored -> {
        repairTimer = -1;
        repair();
      }, wait);
    }
  }

  /** Hides the page's icon links, puts our link back into head if it was dropped, watches head. */
  private void repair() {
    if (ours == null) {
      return;
    }
    lastRepair = DomGlobal.performance.now();
    try {
      Element head = DomGlobal.document.head;
      if (head == null) {
        return;
      }
      NodeList<Element> links = DomGlobal.document.querySelectorAll("link[rel~='icon'], link[rel~='" + HIDDEN + "']");
      for (int i = 0; i < links.length; i++) {
        Element l = links.item(i);
        if (l == ours) {
          continue;
        }
        if (l.hasAttribute("data-webdit")) {
          l.remove(); // a copy of our link (Turbo restores cached snapshots of the page): never the page's
        } else if (hasToken(l.getAttribute("rel"), "icon")) {
          hide(l);
        } else if (hidden.indexOf(l) < 0) {
          adopt(l); // a copy of a link we hid: given its icon back on restore() like the original
        }
      }
      if (ours.parentNode != head) {
        head.appendChild(ours);
      }
      if (observedHead != head) {
        observer.disconnect();
        MutationObserverInit watch = MutationObserverInit.create();
        watch.setChildList(true);
        observer.observe(DomGlobal.document.documentElement, watch); // a replaced <head>
        MutationObserverInit inHead = MutationObserverInit.create();
        inHead.setChildList(true);
        inHead.setSubtree(true);
        inHead.setAttributeFilter(new String[] {"rel"});
        observer.observe(head, inHead);
        observedHead = head;
      }
      observer.takeRecords(); // our own changes need no repair
    } catch (Throwable t) {
      DomGlobal.console.warn("WebDiT: favicon: " + t.getMessage());
    }
  }

  private void adopt(Element link) {
    String as = link.getAttribute("rel");
    hidden.add(link);
    hiddenWas.add(unlabel(as));
    hiddenAs.add(as);
  }

  private void hide(Element link) {
    String rel = link.getAttribute("rel");
    String as = relabel(rel);
    int known = hidden.indexOf(link);
    if (known >= 0) {
      hiddenWas.set(known, rel); // the page changed it since: give back its newer value
      hiddenAs.set(known, as);
    } else {
      hidden.add(link);
      hiddenWas.add(rel);
      hiddenAs.add(as);
    }
    link.setAttribute("rel", as);
  }

  /** rel with each "icon" token (any case) replaced by HIDDEN: "shortcut icon" gives "shortcut webdit-hidden-icon". */
  static String relabel(String rel) {
    return replaceToken(rel, "icon", HIDDEN);
  }

  /** The inverse of relabel. */
  static String unlabel(String rel) {
    return replaceToken(rel, HIDDEN, "icon");
  }

  private static String replaceToken(String rel, String from, String to) {
    StringBuilder sb = new StringBuilder();
    for (String t : rel.trim().split("\\s+")) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(from.equalsIgnoreCase(t) ? to : t);
    }
    return sb.toString();
  }

  /** The page's icon links in document order, hidden ones included, ours not. */
  private List<HTMLLinkElement> pageIcons() {
    List<HTMLLinkElement> icons = new ArrayList<>();
    NodeList<Element> links = DomGlobal.document.querySelectorAll("link[rel]");
    for (int i = 0; i < links.length; i++) {
      Element l = links.item(i);
      int known = hidden.indexOf(l);
      String rel = known >= 0 && hiddenAs.get(known).equals(l.getAttribute("rel")) ? hiddenWas.get(known)
          : l.getAttribute("rel");
      HTMLLinkElement link = Js.uncheckedCast(l);
      if (l != ours && !l.hasAttribute("data-webdit") && hasToken(rel, "icon") && link.href != null
          && !link.href.isEmpty()) {
        icons.add(link);
      }
    }
    return icons;
  }

  /** The icon a browser picks among the page's links now: the last SVG, else the last one, else /favicon.ico. */
  private String currentPageIcon() {
    HTMLLinkElement last = null;
    HTMLLinkElement lastSvg = null;
    for (HTMLLinkElement link : pageIcons()) {
      last = link;
      if ("image/svg+xml".equals(link.type) || link.href.toLowerCase().split("[?#]")[0].endsWith(".svg")) {
        lastSvg = link;
      }
    }
    return lastSvg != null ? lastSvg.href : last != null ? last.href : defaultIcon();
  }

  private static boolean hasToken(String rel, String token) {
    if (rel == null) {
      return false;
    }
    for (String t : rel.trim().split("\\s+")) {
      if (token.equalsIgnoreCase(t)) {
        return true;
      }
    }
    return false;
  }

  private static String defaultIcon() {
    return DomGlobal.location.origin + "/favicon.ico";
  }
}
