package com.webdit.client;

import com.webdit.shared.sampling.Pixels;
import elemental2.core.Uint8ClampedArray;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.HTMLLinkElement;
import elemental2.dom.ImageData;
import jsinterop.base.Js;

/** Draws RGBA8 frames on a 32x32 canvas and makes that canvas the tab's icon (a PNG data URL). */
public final class FaviconPainter {
  private final HTMLCanvasElement canvas;
  private final CanvasRenderingContext2D ctx;
  private final int size;
  private final boolean setIcon;

  public FaviconPainter(HTMLCanvasElement canvas) {
    this(canvas, true);
  }

  /** setIcon false: only draw and return the data URL (the embed manages the icon itself). */
  public FaviconPainter(HTMLCanvasElement canvas, boolean setIcon) {
    this.canvas = canvas;
    this.size = canvas.width;
    this.setIcon = setIcon;
    this.ctx = Js.uncheckedCast(canvas.getContext("2d"));
  }

  /** rgba: size * size * 4 straight-alpha bytes. Returns the data URL now in the icon link. */
  public String paint(Uint8ClampedArray rgba) {
    ImageData img = ctx.createImageData(size, size);
    img.data.set(rgba);
    ctx.putImageData(img, 0, 0);
    String url = canvas.toDataURL("image/png");
    if (setIcon) {
      iconLink().href = url;
    }
    return url;
  }

  /** chw: (4, size, size) premultiplied RGBA in [-1, 1], drawn through the shared Pixels mapping. */
  public String paintModelSpace(float[] chw) {
    int[] rgba = Pixels.toRgba8(chw, size);
    Uint8ClampedArray bytes = new Uint8ClampedArray(rgba.length);
    for (int i = 0; i < rgba.length; i++) {
      bytes.setAt(i, (double) rgba[i]);
    }
    return paint(bytes);
  }

  /** The page's rel=icon link, created if the page has none. */
  static HTMLLinkElement iconLink() {
    Element existing = DomGlobal.document.querySelector("link[rel~='icon']");
    if (existing != null) {
      return Js.uncheckedCast(existing);
    }
    HTMLLinkElement link = Js.uncheckedCast(DomGlobal.document.createElement("link"));
    link.rel = "icon";
    DomGlobal.document.head.appendChild(link);
    return link;
  }
}
