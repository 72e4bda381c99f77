package com.webdit.client.engine;

/**
 * What one generation cost the GPU and the bus: the page shows it and the tests read it.
 * forwards: model forwards per image (two on guided steps, one elsewhere).
 */
public record WorkProfile(int dispatches, int forwards, int submits, int readbacks, double bytesUploaded, double bytesReadBack,
    double gpuBytesHeld, int pipelines, boolean softwareAdapter) {
  public String summary() {
    return dispatches + " dispatches, " + forwards + " model forwards per image, " + submits + " submit" + (submits == 1 ? "" : "s") + ", " + readbacks
        + " readback" + (readbacks == 1 ? "" : "s") + ", " + kb(bytesUploaded) + " uploaded, " + kb(bytesReadBack)
        + " read back, " + kb(gpuBytesHeld) + " GPU memory, " + pipelines + " pipelines"
        + (softwareAdapter ? ", on a software adapter (CPU emulation: times say nothing about GPUs)" : "");
  }

  private static String kb(double bytes) {
    return Math.round(bytes / 1024.0) + " KiB";
  }
}
