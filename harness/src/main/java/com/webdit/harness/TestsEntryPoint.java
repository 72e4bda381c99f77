package com.webdit.harness;

import com.google.gwt.core.client.EntryPoint;

/** Entry of the tests script (/tests/tests.js): installs window.webditKernelTests. */
public final class TestsEntryPoint implements EntryPoint {
  @Override
  public void onModuleLoad() {
    com.webdit.client.net.ServerBase.setFromScript(elemental2.dom.DomGlobal.document.currentScript, "tests/tests.js");
    KernelTests.install();
  }
}
