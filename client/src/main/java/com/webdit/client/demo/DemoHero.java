package com.webdit.client.demo;

import elemental2.dom.CanvasRenderingContext2D;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.HTMLImageElement;
import jsinterop.base.Js;

/**
 * The favicon where it lives: the drawn browser tab (16 px) and the 32 px icon beside it, the
 * step counter, and the strip of frames of the current generation (the prediction after each
 * denoising step, or a morph leg's frames). Every frame the preview shows is drawn here too.
 */
final class DemoHero {
  private final HTMLCanvasElement tab16 = Js.uncheckedCast(DemoPage.byId("tab16"));
  private final HTMLCanvasElement tab32 = Js.uncheckedCast(DemoPage.byId("tab32"));
  private final Element strip = DemoPage.byId("strip");
  private final Element stripNote = DemoPage.byId("strip-note");
  private final Element step = DemoPage.byId("step");

  /** One frame of a play (frame is 1-based): the tab, the strip's cell and the counter. */
  void frame(int frame, int frames, String url, boolean steps) {
    step.textContent = (steps ? "step " : "frame ") + frame + "/" + frames;
    if (frame == 1 || strip.childElementCount != frames) {
      cells(frames);
      stripNote.textContent = steps ? "The model's prediction after each of the " + frames + " denoising steps."
          : "A morph leg: " + frames + " frames, each a full generation from a point between two seeds' noises.";
    }
    paint(url, Js.uncheckedCast(strip.querySelectorAll("canvas").item(frame - 1)));
    paint(url, tab16);
    paint(url, tab32);
  }

  /** A favicon the server drew: it sends the finished icon only, so the strip holds that one. */
  void finishedOnly(int steps, String url) {
    step.textContent = "step " + steps + "/" + steps;
    cells(1);
    stripNote.textContent = "Drawn by the server, which sends the finished icon; where WebGPU draws, every step shows.";
    paint(url, Js.uncheckedCast(strip.querySelector("canvas")));
    paint(url, tab16);
    paint(url, tab32);
  }

  private void cells(int n) {
    strip.innerHTML = "";
    for (int i = 0; i < n; i++) {
      Element li = DomGlobal.document.createElement("li");
      HTMLCanvasElement c = Js.uncheckedCast(DomGlobal.document.createElement("canvas"));
      c.width = 32;
      c.height = 32;
      c.className = "pixels";
      c.setAttribute("role", "img");
      c.setAttribute("aria-label", "after step " + (i + 1));
      li.appendChild(c);
      strip.appendChild(li);
    }
  }

  /** Draws a PNG data URL scaled to the canvas: the 16 px tab gets the browser's smooth downscale. */
  private static void paint(String url, HTMLCanvasElement canvas) {
    HTMLImageElement img = Js.uncheckedCast(DomGlobal.document.createElement("img"));
    img.onload = e -> {
      CanvasRenderingContext2D ctx = Js.uncheckedCast(canvas.getContext("2d"));
      Js.asPropertyMap(ctx).set("imageSmoothingEnabled", canvas.width < 32);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      return null;
    };
    img.src = url;
  }
}
