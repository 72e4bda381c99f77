package com.webdit.client;

import com.google.gwt.core.client.EntryPoint;
import com.webdit.client.testing.KernelTests;
import elemental2.dom.DomGlobal;

/** Entry point: the kernel-test harness, the embed script on a host page, or the demo page. */
public final class WebDiT implements EntryPoint {
  @Override
  public void onModuleLoad() {
    if ("kernel-tests".equals(DomGlobal.document.body.getAttribute("data-page"))) {
      KernelTests.install();
      return;
    }
    if (!ServerBase.embedTags().isEmpty()) {
      com.webdit.client.embed.EmbedApp.boot();
      return;
    }
    new DemoApp().start();
  }
}
