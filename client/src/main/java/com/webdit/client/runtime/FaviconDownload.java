package com.webdit.client.runtime;

import com.webdit.shared.icon.FaviconPack;
import elemental2.core.Uint8Array;
import elemental2.core.Uint8ClampedArray;
import elemental2.dom.Blob;
import elemental2.dom.BlobPropertyBag;
import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.HTMLAnchorElement;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.ImageData;
import elemental2.dom.URL;
import jsinterop.base.Js;

/**
 * The demo's "Download": the favicon on screen as a favicon pack (shared FaviconPack: ICO, PNGs,
 * apple-touch-icon, link tags), built in the page with no server round trip. PNGs come from the
 * browser's own encoder (a canvas).
 */
public final class FaviconDownload {
  public static final String FILE_NAME = "webdit-favicon.zip";

  /** PNG by canvas.toDataURL: synchronous, and the platform's encoder. */
  static final FaviconPack.PngEncoder CANVAS_PNG = (argb, side) -> {
    HTMLCanvasElement canvas = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
    canvas.width = side;
    canvas.height = side;
    CanvasRenderingContext2D ctx = Js.uncheckedCast(canvas.getContext("2d"));
    ImageData img = ctx.createImageData(side, side);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      img.data.setAt(4 * i, (double) ((p >> 16) & 0xff));
      img.data.setAt(4 * i + 1, (double) ((p >> 8) & 0xff));
      img.data.setAt(4 * i + 2, (double) (p & 0xff));
      img.data.setAt(4 * i + 3, (double) (p >>> 24));
    }
    ctx.putImageData(img, 0, 0);
    String url = canvas.toDataURL("image/png");
    String base64 = url.substring(url.indexOf(',') + 1);
    String binary = DomGlobal.atob(base64);
    byte[] out = new byte[binary.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) binary.charAt(i);
    }
    return out;
  };

  private FaviconDownload() {}

  /** rgba: the 32 x 32 favicon, straight-alpha RGBA8 as the engine's frames hold it. */
  public static byte[] pack(Uint8ClampedArray rgba) {
    int n = rgba.length / 4;
    int[] argb = new int[n];
    for (int i = 0; i < n; i++) {
      argb[i] = rgba.getAt(4 * i + 3).intValue() << 24 | rgba.getAt(4 * i).intValue() << 16
          | rgba.getAt(4 * i + 1).intValue() << 8 | rgba.getAt(4 * i + 2).intValue();
    }
    return FaviconPack.zip(argb, CANVAS_PNG);
  }

  /** The pack as a zip Blob (what the embed's WebDiT.pack() resolves to). */
  public static Blob blob(Uint8ClampedArray rgba) {
    byte[] zip = pack(rgba);
    Uint8Array bytes = new Uint8Array(zip.length);
    for (int i = 0; i < zip.length; i++) {
      bytes.setAt(i, (double) (zip[i] & 0xff));
    }
    BlobPropertyBag type = BlobPropertyBag.create();
    type.setType("application/zip");
    return new Blob(new Blob.ConstructorBlobPartsArrayUnionType[] {Blob.ConstructorBlobPartsArrayUnionType.of(bytes)},
        type);
  }

  /** Offers the pack as a file download (an object URL on a temporary link, revoked after the click). */
  public static void save(Uint8ClampedArray rgba) {
    String url = URL.createObjectURL(blob(rgba));
    HTMLAnchorElement a = Js.uncheckedCast(DomGlobal.document.createElement("a"));
    a.href = url;
    a.download = FILE_NAME;
    DomGlobal.document.body.appendChild(a);
    a.click();
    a.remove();
    DomGlobal.setTimeout(ignored -> URL.revokeObjectURL(url), 0);
  }
}
