package com.webdit.client.kernels;

import com.webdit.client.dom.PromiseMap;
import com.webdit.client.net.Net;
import com.webdit.client.net.ServerBase;
import elemental2.core.JsArray;
import elemental2.promise.Promise;
import java.util.ArrayList;
import java.util.List;
import jsinterop.base.Js;

/**
 * Fetches WGSL sources (served from the repo's wgsl/ folder) once per page and expands
 * {@code //! include NAME} lines with wgsl/NAME.wgsl, since WGSL has no includes of its own.
 */
public final class KernelSource {
  static final String INCLUDE = "//! include ";
  private static final PromiseMap<String> CACHE = new PromiseMap<>();

  private KernelSource() {}

  /** The kernels live at /wgsl/ on the WebDiT server. */
  public static String url(String name) {
    return ServerBase.url("wgsl/" + name + ".wgsl");
  }

  public static Promise<String> load(String name) {
    Promise<String> p = CACHE.get(name);
    if (p == null) {
      String url = url(name);
      p = Net.fetch(url, null).then(response -> {
        if (!response.ok) {
          return Promise.reject(new GpuUnavailableException("kernel", "cannot load " + url + ": HTTP " + response.status));
        }
        return response.text();
      }).then(KernelSource::expandIncludes);
      CACHE.put(name, p);
    }
    return p;
  }

  private static Promise<String> expandIncludes(String code) {
    String[] lines = code.split("\n", -1);
    List<Promise<String>> parts = new ArrayList<>();
    for (String line : lines) {
      parts.add(line.startsWith(INCLUDE) ? load(line.substring(INCLUDE.length()).trim()) : Promise.resolve(line));
    }
    @SuppressWarnings("unchecked")
    Promise<String>[] array = parts.toArray(new Promise[0]);
    // Promise.all yields a plain JS array, not a Java String[]: typing it String[] fails GWT's cast.
    Promise<Object> all = Js.uncheckedCast(Promise.all(array));
    return all.then(resolved -> {
      JsArray<String> texts = Js.uncheckedCast(resolved);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < texts.length; i++) {
        sb.append(texts.getAt(i)).append('\n');
      }
      return Promise.resolve(sb.toString());
    });
  }
}
