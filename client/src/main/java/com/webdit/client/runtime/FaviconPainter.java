package com.webdit.client.runtime;

import elemental2.core.Uint8ClampedArray;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.HTMLImageElement;
import elemental2.dom.HTMLLinkElement;
import elemental2.dom.ImageData;
import elemental2.promise.Promise;
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

  /** Draws a PNG (a data URL from the server) on the canvas and makes it the icon. */
  public Promise<String> paintUrl(String url) {
    return new Promise<>((resolve, reject) -> {
      HTMLImageElement img = Js.uncheckedCast(DomGlobal.document.createElement("img"));
      img.onload = e -> {
        ctx.clearRect(0, 0, size, size);
        ctx.drawImage(img, 0, 0, size, size);
        if (setIcon) {
          iconLink().href = url;
        }
        resolve.onInvoke(url);
        return null;
      };
      img.onerror = e -> {
        reject.onInvoke(new Failure(Failure.Cause.NETWORK, "the server's favicon does not decode as an image"));
        return null;
      };
      img.src = url;
    });
  }

  /** The favicon on the canvas now, as straight-alpha RGBA8. */
  public Uint8ClampedArray pixels() {
    return ctx.getImageData(0, 0, size, size).data;
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
