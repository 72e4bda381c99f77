package com.webdit.client;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.testing.KernelTests;
import elemental2.dom.DomGlobal;

/** Entry point: the demo page, or the kernel-test harness on /kernel-tests.html. */
public final class WebDiT implements EntryPoint {
  @Override
  public void onModuleLoad() {
    if ("kernel-tests".equals(DomGlobal.document.body.getAttribute("data-page"))) {
      KernelTests.install();
      return;
    }
    new DemoApp().start();
  }
}
