package com.webdit.client;

import com.google.gwt.core.client.GWT;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/** Fetches WGSL sources, served by the server from the repo's wgsl/ folder, once per page. */
public final class KernelSource {
  private static final java.util.Map<String, Promise<String>> CACHE = new java.util.HashMap<>();

  private KernelSource() {}

  /** The kernels live at ../wgsl/ relative to the GWT module folder. */
  public static String url(String name) {
    return GWT.getModuleBaseURL() + "../wgsl/" + name + ".wgsl";
  }

  public static Promise<String> load(String name) {
    Promise<String> p = CACHE.get(name);
    if (p == null) {
      String url = url(name);
      p = DomGlobal.fetch(url).then(response -> {
        if (!response.ok) {
          return Promise.reject(new GpuUnavailableException("kernel", "cannot load " + url + ": HTTP " + response.status));
        }
        return response.text();
      });
      CACHE.put(name, p);
    }
    return p;
  }
}
