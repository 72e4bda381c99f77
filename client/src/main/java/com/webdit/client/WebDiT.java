package com.webdit.client;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.kernels.GaussianNoiseKernel;
import com.webdit.client.kernels.Gpu;
import com.webdit.client.kernels.Readback;
import com.webdit.client.testing.KernelTests;
import com.webdit.shared.num.Compare;
import com.webdit.shared.rng.Gaussian;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/**
 * The demo page's entry point: find WebGPU, run the Gaussian noise kernel through the Java
 * externs, check it against the shared Java reference, and show the result as the tab's icon.
 */
public final class WebDiT implements EntryPoint {
  /** Accuracy the kernel must reach: WGSL f32 vs the reference's double-then-round. */
  public static final double NOISE_TOL = 1e-5;
  public static final double NOISE_EPS = 1e-5;

  private DemoPage page;
  private FaviconPainter favicon;
  private boolean failed;

  @Override
  public void onModuleLoad() {
    if ("kernel-tests".equals(DomGlobal.document.body.getAttribute("data-page"))) {
      KernelTests.install();
      return;
    }
    page = new DemoPage();
    favicon = new FaviconPainter(page.canvas);
    int seed = page.intParam("seed", 42, 0, Integer.MAX_VALUE);
    int count = page.intParam("count", 4 * 32 * 32, 1, 1 << 22);
    page.showStatus("loading", "Looking for WebGPU…");
    GpuContext.create(this::fail).then(gpu -> {
      page.showAdapter(gpu.describeAdapter(), gpu.shaderF16);
      page.showStatus("loading", "Running gaussian_noise.wgsl…");
      Gpu g = new Gpu(gpu.device);
      GaussianNoiseKernel kernel = new GaussianNoiseKernel(64,
          (int) gpu.device.getLimits().getMaxComputeInvocationsPerWorkgroup());
      return kernel.pipeline(g).then(pipeline -> {
        com.webdit.client.gpu.GPUBuffer out = g.storage("noise", 4.0 * count);
        return Readback.run(g, out, 4.0 * count,
            kernel.bind(g, pipeline, "noise", 0, count, 1, g.storageWords("seeds", new int[] {seed}), out));
      });
    }).then(bytes -> {
      showNoise(seed, Readback.toFloats(bytes, count));
      return Promise.resolve((Object) null);
    }).catch_(error -> {
      fail(error instanceof GpuUnavailableException g ? g
          : new GpuUnavailableException("gpu-error", "Unexpected failure: " + String.valueOf(error)));
      return null;
    });
  }

  private void showNoise(int seed, float[] got) {
    int n = got.length;
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append((double) got[i]);
    }
    float[] ref = new float[n];
    Gaussian.fill(seed, 0, ref);
    String report = Compare.mismatches("gaussian_noise", ref, got, NOISE_TOL, NOISE_EPS);
    page.publishKernelOutput(csv.toString());
    page.showKernelCheck(report == null, Compare.maxAbsDiff(ref, got), n, report);
    float[] image = new float[4 * 32 * 32];
    System.arraycopy(got, 0, image, 0, Math.min(n, image.length));
    favicon.paint(image);
    if (!failed) {
      page.showStatus(report == null ? "ok" : "error", report == null
          ? "WebGPU works: the favicon is seed " + seed + "'s starting noise, drawn on your GPU."
          : "The GPU kernel disagrees with the reference; see below.");
      page.finished(report == null ? "ready" : "failed");
    }
  }

  /** The one failure path: say what happened and still give the tab an icon, drawn on the CPU. */
  private void fail(GpuUnavailableException failure) {
    if (failed) {
      return;
    }
    failed = true;
    DomGlobal.console.warn("WebDiT: " + failure.kind + ": " + failure.getMessage());
    page.showStatus("error", failure.getMessage());
    float[] image = new float[4 * 32 * 32];
    Gaussian.fill(page.intParam("seed", 42, 0, Integer.MAX_VALUE), 0, image);
    favicon.paint(image);
    page.finished("no-gpu:" + failure.kind);
  }
}
