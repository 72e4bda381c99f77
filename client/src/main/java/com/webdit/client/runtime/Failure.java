package com.webdit.client.runtime;

import com.webdit.client.kernels.GpuUnavailableException;
import com.webdit.shared.model.ModelFormatException;

/**
 * Why the WebGPU path cannot draw (now, or at all), and the one policy that decides what happens
 * next for the demo and the embed alike: try again, draw with the server's CPU renderer, or say
 * what is wrong.
 */
public final class Failure extends RuntimeException {
  /** What failed. */
  public enum Cause {
    NO_WEBGPU, SOFTWARE_ADAPTER, SAVE_DATA, KERNEL_COMPILE, DEVICE_LOST, OUT_OF_MEMORY, BAD_WEIGHTS, NETWORK, CANCELLED
  }

  /** What to do about it. */
  public enum Action { RETRY, SERVER_FALLBACK, MESSAGE, NOTHING }

  public final Cause cause;

  public Failure(Cause cause, String message) {
    super(message);
    this.cause = cause;
  }

  /**
   * The policy. attempt counts the failures of this cause so far (1 for the first). A lost
   * device gets one fresh device; a network error one retry; every other failure, and a
   * second of those, goes to the server's favicons, which need nothing from this GPU. Only
   * when the server itself is out of reach is there nothing left but a message.
   */
  public Action action(int attempt) {
    switch (cause) {
      case CANCELLED:
        return Action.NOTHING;
      case DEVICE_LOST:
        return attempt <= 1 ? Action.RETRY : Action.SERVER_FALLBACK;
      case NETWORK:
        return attempt <= 1 ? Action.RETRY : Action.MESSAGE;
      default:
        return Action.SERVER_FALLBACK;
    }
  }

  /** A short name for logs, events and the tests: "no-webgpu", "software-adapter", ... */
  public String kind() {
    return cause.name().toLowerCase().replace('_', '-');
  }

  /** Any error the start-up chain or a generation rejected with, typed. */
  public static Failure of(Object error) {
    if (error instanceof Failure f) {
      return f;
    }
    if (error instanceof GpuUnavailableException g) {
      return new Failure(causeOf(g.kind, g.getMessage()), g.getMessage());
    }
    if (error instanceof ModelFormatException m) {
      return new Failure(Cause.BAD_WEIGHTS, "the weight file cannot be used: " + m.getMessage());
    }
    String text = error instanceof Throwable t ? t.getMessage() : String.valueOf(error);
    if (text != null && text.contains("AbortError")) {
      return new Failure(Cause.CANCELLED, "stopped");
    }
    if (text != null && (text.contains("Failed to fetch") || text.contains("NetworkError") || text.contains("network"))) {
      return new Failure(Cause.NETWORK, "network error: " + text);
    }
    if (text != null && text.toLowerCase().contains("memory")) {
      return new Failure(Cause.OUT_OF_MEMORY, text);
    }
    return new Failure(Cause.DEVICE_LOST, "unexpected GPU failure: " + text);
  }

  private static Cause causeOf(String kind, String message) {
    String m = message == null ? "" : message.toLowerCase();
    switch (kind) {
      case "no-webgpu":
      case "no-adapter":
      case "device-failed":
        return Cause.NO_WEBGPU;
      case "kernel":
        return m.contains("cannot load") ? Cause.NETWORK : Cause.KERNEL_COMPILE;
      case "weights":
        return m.contains("cannot load") ? Cause.NETWORK : Cause.BAD_WEIGHTS;
      default:
        return m.contains("memory") ? Cause.OUT_OF_MEMORY : Cause.DEVICE_LOST;
    }
  }
}
