package com.webdit.client.runtime;

import com.webdit.shared.sampling.Pixels;
import elemental2.core.Uint8ClampedArray;
import elemental2.dom.BaseRenderingContext2D;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.HTMLImageElement;
import elemental2.dom.ImageData;
import elemental2.dom.URL;
import elemental2.promise.Promise;
import jsinterop.base.Js;

/**
 * An existing icon as a remix's start image: drawn into a size x size canvas with its alpha
 * (scaled to fit, centred, smoothed), read back and mapped to the model's premultiplied [-1, 1]
 * ({@link Pixels#fromRgba8}).
 *
 * <p>A URL on another origin is loaded without a CORS request: asking with {@code crossorigin}
 * would make the browser print a CORS error into the host page's console for every site whose
 * icon lives on a CDN without CORS headers. Such an icon taints the canvas instead, which is
 * detected here (a SecurityError on reading it) and reported as {@link Unreadable}, so the caller
 * can fall back quietly.
 */
public final class IconImage {
  /** The icon cannot be used: it does not load, does not decode, has no size, or may not be read. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message) {
      super(message);
    }
  }

  /** Loading an icon should take a moment; one that hangs must not hold the favicon loop. */
  static final double TIMEOUT_MS = 10_000;

  private IconImage() {}

  /** Loads url (same-origin, data: or blob:) and returns it as a start image. */
  public static Promise<float[]> fromUrl(String url, int size) {
    return rgbaFromUrl(url, size).then(rgba -> Promise.resolve(Pixels.fromRgba8(rgba, size)));
  }

  /** Loads url as {@link #fromUrl} does and returns its RGBA8 values at size x size (what a server remix sends). */
  public static Promise<int[]> rgbaFromUrl(String url, int size) {
    return new Promise<>((resolve, reject) -> {
      HTMLImageElement img = Js.uncheckedCast(DomGlobal.document.createElement("img"));
      double[] timer = {-1};
      boolean[] settled = {false};
      timer[0] = DomGlobal.setTimeout(ignored -> {
        if (!settled[0]) {
          settled[0] = true;
          img.src = "";
          reject.onInvoke(new Unreadable("the icon " + shortUrl(url) + " did not load within "
              + Math.round(TIMEOUT_MS / 1000) + " s"));
        }
      }, TIMEOUT_MS);
      img.onload = e -> {
        if (!settled[0]) {
          settled[0] = true;
          DomGlobal.clearTimeout(timer[0]);
          try {
            resolve.onInvoke(draw(img, img.naturalWidth, img.naturalHeight, size, shortUrl(url)));
          } catch (Throwable t) {
            reject.onInvoke(t);
          }
        }
        return null;
      };
      img.onerror = e -> {
        if (!settled[0]) {
          settled[0] = true;
          DomGlobal.clearTimeout(timer[0]);
          reject.onInvoke(new Unreadable("the icon " + shortUrl(url) + " does not load or decode as an image"));
        }
        return null;
      };
      img.src = url;
    });
  }

  /** Pixels a script already has (any size) as a start image. */
  public static float[] fromImageData(ImageData data, int size) {
    return Pixels.fromRgba8(rgbaFromImageData(data, size), size);
  }

  /** Pixels a script already has, as RGBA8 values at size x size. */
  public static int[] rgbaFromImageData(ImageData data, int size) {
    if (data == null || data.width <= 0 || data.height <= 0) {
      throw new Unreadable("the ImageData is empty");
    }
    HTMLCanvasElement source = canvas(data.width, data.height);
    CanvasRenderingContext2D ctx = Js.uncheckedCast(source.getContext("2d"));
    ctx.putImageData(data, 0, 0);
    return draw(source, data.width, data.height, size, "ImageData");
  }

  /** A file the visitor dropped, pasted or picked (the demo page). */
  public static Promise<float[]> fromBlob(elemental2.dom.Blob blob, int size) {
    String url = URL.createObjectURL(blob);
    return fromUrl(url, size).then(v -> {
      URL.revokeObjectURL(url);
      return Promise.resolve(v);
    }, error -> {
      URL.revokeObjectURL(url);
      return Promise.reject(error);
    });
  }

  private static HTMLCanvasElement canvas(int w, int h) {
    HTMLCanvasElement c = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
    c.width = w;
    c.height = h;
    return c;
  }

  /** Draws source (width x height) into size x size, fitted and centred, and reads the pixels (RGBA8). */
  private static int[] draw(Object source, double width, double height, int size, String what) {
    if (!(width > 0 && height > 0)) {
      throw new Unreadable("the icon " + what + " has no size (an SVG without width and height?)");
    }
    HTMLCanvasElement target = canvas(size, size);
    CanvasRenderingContext2D ctx = Js.uncheckedCast(target.getContext("2d"));
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    double scale = size / Math.max(width, height);
    double w = width * scale;
    double h = height * scale;
    ctx.drawImage(Js.<BaseRenderingContext2D.DrawImageImageUnionType>uncheckedCast(source), (size - w) / 2,
        (size - h) / 2, w, h);
    ImageData read;
    try {
      read = ctx.getImageData(0, 0, size, size);
    } catch (Throwable t) {
      // A tainted canvas: the icon is on another origin that does not allow reading it.
      throw new Unreadable("the icon " + what + " is on another origin without CORS, so the page may not read it");
    }
    Uint8ClampedArray bytes = read.data;
    int[] rgba = new int[size * size * 4];
    for (int i = 0; i < rgba.length; i++) {
      rgba[i] = bytes.getAt(i).intValue();
    }
    return rgba;
  }

  /** RGBA8 values as the bytes a server remix sends. */
  public static byte[] bytes(int[] rgba) {
    byte[] b = new byte[rgba.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rgba[i];
    }
    return b;
  }

  private static String shortUrl(String url) {
    if (url.startsWith("data:") || url.startsWith("blob:")) {
      return "(" + url.substring(0, url.indexOf(':')) + " URL)";
    }
    return url.length() > 120 ? url.substring(0, 117) + "…" : url;
  }
}
