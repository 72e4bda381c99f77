package com.webdit.client;

import com.google.gwt.core.client.EntryPoint;

public final class WebDiT implements EntryPoint {
  @Override
  public void onModuleLoad() {
    elemental2.dom.DomGlobal.console.log("WebDiT loaded");
  }
}
