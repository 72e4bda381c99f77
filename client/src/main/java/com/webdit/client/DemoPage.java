package com.webdit.client;

import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLCanvasElement;
import elemental2.dom.URLSearchParams;
import jsinterop.base.Js;

/**
 * The demo page's elements and what it shows. State lives in data attributes too, so the
 * Selenium tests read exactly what a visitor sees.
 */
public final class DemoPage {
  private final Element status = byId("status");
  private final Element adapter = byId("adapter");
  private final Element kernelCheck = byId("kernel-check");
  private final Element kernelOutput = byId("kernel-output");
  public final HTMLCanvasElement canvas = Js.uncheckedCast(byId("preview"));
  private final URLSearchParams query = new URLSearchParams(DomGlobal.location.search);

  private static Element byId(String id) {
    Element e = DomGlobal.document.getElementById(id);
    if (e == null) {
      throw new IllegalStateException("the page lacks #" + id);
    }
    return e;
  }

  /** An integer URL parameter (?seed=42), or the default when absent or not a number. */
  public int intParam(String name, int fallback, int min, int max) {
    String v = query.get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(v.trim());
      return parsed < min || parsed > max ? fallback : (int) parsed;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public void showStatus(String state, String text) {
    status.setAttribute("data-state", state);
    status.textContent = text;
  }

  public void showAdapter(String description, boolean shaderF16) {
    adapter.textContent = description + (shaderF16 ? " (shader-f16)" : " (no shader-f16)");
  }

  public void showKernelCheck(boolean pass, double maxDiff, int count, String report) {
    kernelCheck.setAttribute("data-state", pass ? "pass" : "fail");
    kernelCheck.setAttribute("data-max-diff", String.valueOf(maxDiff));
    kernelCheck.textContent = "gaussian_noise.wgsl vs Java reference: " + count + " values, max |diff| = " + maxDiff
        + (pass ? " — OK" : "\n" + report);
  }

  /** The raw kernel output, for tests that check it against their own reference. */
  public void publishKernelOutput(String csv) {
    kernelOutput.textContent = csv;
  }

  public void finished(String state) {
    DomGlobal.document.body.setAttribute("data-webdit", state);
  }
}
