package com.webdit.client.runtime;

import com.webdit.client.engine.Generation;
import elemental2.core.Uint8ClampedArray;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import java.util.function.BooleanSupplier;

/**
 * Plays a sequence of favicon frames at a frame rate: one image's denoising steps (the x0
 * prediction after every step) or a morph leg's finished images, on the preview and in the tab's
 * icon. With prefers-reduced-motion only the sequence's still frame is shown. Stops early, without
 * showing anything more, once {@code stopped} says so. The demo and the embed play every
 * animation through here.
 */
public final class FramePlayer {
  /** Receives each frame shown: frame is 1-based, url the PNG data URL drawn. */
  public interface Sink {
    void show(int frame, int frames, String url);
  }

  /** What one play shows. */
  public interface Frames {
    int count();

    Uint8ClampedArray frame(int i);

    /** The one frame shown with prefers-reduced-motion. */
    int still();
  }

  private FramePlayer() {}

  public static boolean reducedMotion() {
    return DomGlobal.window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  /** One image's frames after each step; the finished image is the still. */
  public static Frames steps(Generation gen, int image) {
    return frames(gen.steps, k -> gen.frame(k, image), gen.steps - 1);
  }

  /** The finished image of each of the generation's images, in order (a morph leg); the first is the still. */
  public static Frames images(Generation gen) {
    return frames(gen.images, j -> gen.frame(gen.steps - 1, j), 0);
  }

  private interface FrameAt {
    Uint8ClampedArray at(int i);
  }

  private static Frames frames(int count, FrameAt at, int still) {
    return new Frames() {
      @Override
      public int count() {
        return count;
      }

      @Override
      public Uint8ClampedArray frame(int i) {
        return at.at(i);
      }

      @Override
      public int still() {
        return still;
      }
    };
  }

  /** Resolves after the last frame, or as soon as stopped() turns true. */
  public static Promise<Object> play(Frames frames, double fps, FaviconPainter painter, Sink sink,
      BooleanSupplier stopped) {
    if (reducedMotion()) {
      if (!stopped.getAsBoolean()) {
        sink.show(frames.still() + 1, frames.count(), painter.paint(frames.frame(frames.still())));
      }
      return Promise.resolve((Object) null);
    }
    return new Promise<>((resolve, reject) -> frame(frames, 0, 1000.0 / fps, painter, sink, stopped,
        () -> resolve.onInvoke((Object) null)));
  }

  private static void frame(Frames frames, int k, double intervalMs, FaviconPainter painter, Sink sink,
      BooleanSupplier stopped, Runnable done) {
    if (stopped.getAsBoolean()) {
      done.run();
      return;
    }
    sink.show(k + 1, frames.count(), painter.paint(frames.frame(k)));
    if (k + 1 >= frames.count()) {
      done.run();
      return;
    }
    DomGlobal.setTimeout(ignored -> frame(frames, k + 1, intervalMs, painter, sink, stopped, done), intervalMs);
  }
}
