package com.webdit.client.demo;

import com.webdit.client.runtime.Failure;
import com.webdit.client.runtime.FaviconRuntime;
import com.webdit.client.runtime.Lifecycle;
import com.webdit.client.runtime.ModelChoice;
import elemental2.dom.DomGlobal;

/** What the runtime says, shown on the demo page: status line, adapter, model, progress, controls. */
final class DemoStatus implements FaviconRuntime.View {
  private final DemoPage page;
  private final Runnable startLoop;
  private final Runnable retry;

  /**
   * @param startLoop starts the favicon loop (the GPU or the server draws from now on)
   * @param retry starts the GPU path afresh after a failure worth one more try
   */
  DemoStatus(DemoPage page, Runnable startLoop, Runnable retry) {
    this.page = page;
    this.startLoop = startLoop;
    this.retry = retry;
  }

  @Override
  public void phase(String text) {
    page.showStatus("loading", text);
  }

  @Override
  public void progress(double loaded, double total) {
    page.showProgress(loaded, total);
  }

  @Override
  public void started(Lifecycle l) {
    page.showAdapter(l.context().label(), l.context().isSoftware());
    ModelChoice choice = l.choice();
    page.showModel(choice.name() + " (" + choice.dtype() + ", " + Math.round(choice.bytes() / 1024) + " KiB, sha256 "
        + choice.sha256().substring(0, 12) + "…)");
  }

  @Override
  public void gpuReady(Lifecycle l) {
    page.enableControls(true);
    page.enableGpuControls(true);
    startLoop.run();
  }

  @Override
  public void retrying(Failure failure) {
    DomGlobal.console.warn("WebDiT: " + failure.kind() + ": " + failure.getMessage());
    page.showStatus("loading", failure.getMessage() + " Trying again…");
    retry.run();
  }

  @Override
  public void fallback(Failure failure) {
    DomGlobal.console.warn("WebDiT: " + failure.kind() + ": " + failure.getMessage());
    page.showStatus("fallback", failure.getMessage() + " The server draws the favicons instead (on its CPU, "
        + "from the same weights).");
    page.showAdapter(failure.cause == Failure.Cause.NO_WEBGPU ? "none: " + failure.getMessage() : "not used", false);
    page.enableControls(true);
    page.enableGpuControls(false);
    page.finished("server:" + failure.kind());
    startLoop.run();
  }

  @Override
  public void off(Failure failure) {
    DomGlobal.console.warn("WebDiT: " + failure.kind() + ": " + failure.getMessage());
    page.showStatus("error", failure.getMessage());
    page.enableControls(false);
    page.finished("error:" + failure.kind());
  }
}
