package com.webdit.client;

import com.webdit.client.engine.Generation;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.function.BooleanSupplier;

/**
 * Plays one image's frames (the x0 prediction after every step) at a frame rate: the denoising
 * animation in the tab's icon. With prefers-reduced-motion only the finished image is shown.
 * Stops early, without showing anything more, once {@code stopped} says so.
 */
public final class FramePlayer {
  /** Receives each frame shown: step is 1-based, url the PNG data URL drawn. */
  public interface Sink {
    void show(int step, int steps, String url);
  }

  private FramePlayer() {}

  public static boolean reducedMotion() {
    return DomGlobal.window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /** Resolves after the last frame, or as soon as stopped() turns true. */
  public static Promise<Object> play(Generation gen, int image, double fps, FaviconPainter painter, Sink sink,
      BooleanSupplier stopped) {
    if (reducedMotion()) {
      if (!stopped.getAsBoolean()) {
        sink.show(gen.steps, gen.steps, painter.paint(gen.frame(gen.steps - 1, image)));
      }
      return Promise.resolve((Object) null);
    }
    return new Promise<>((resolve, reject) -> frame(gen, image, 0, 1000.0 / fps, painter, sink, stopped,
        () -> resolve.onInvoke((Object) null)));
  }

  private static void frame(Generation gen, int image, int k, double intervalMs, FaviconPainter painter, Sink sink,
      BooleanSupplier stopped, Runnable done) {
    if (stopped.getAsBoolean()) {
      done.run();
      return;
    }
    sink.show(k + 1, gen.steps, painter.paint(gen.frame(k, image)));
    if (k + 1 >= gen.steps) {
      done.run();
      return;
    }
    DomGlobal.setTimeout(ignored -> frame(gen, image, k + 1, intervalMs, painter, sink, stopped, done), intervalMs);
  }
}
