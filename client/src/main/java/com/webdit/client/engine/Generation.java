package com.webdit.client.engine;

import elemental2.core.Uint8ClampedArray;
import jsinterop.base.Js;

/**
 * The result of one generation: RGBA8 frames (the x0 prediction after every step, the last one
 * being the finished image) for each image, optionally the final float image, and the work profile.
 */
public final class Generation {
  public final int images;
  public final int steps;
  public final int size;
  private final Uint8ClampedArray frames;
  public final float[] finalImages; // null unless asked for
  public final WorkProfile profile;

  Generation(int images, int steps, int size, Uint8ClampedArray frames, float[] finalImages, WorkProfile profile) {
    this.images = images;
    this.steps = steps;
    this.size = size;
    this.frames = frames;
    this.finalImages = finalImages;
    this.profile = profile;
  }

  /** RGBA8 bytes of image b after step (0-based), ready for ImageData. */
  public Uint8ClampedArray frame(int step, int image) {
    int bytes = size * size * 4;
    int offset = (step * images + image) * bytes;
    return Js.uncheckedCast(frames.subarray(offset, offset + bytes));
  }
}
