package com.webdit.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The benchmark's own web server (test scope, never in the product): one origin serving the
 * product's page assets (the GWT client, the kernels: classpath {@code public/}), the weight
 * files, and the bench assets (the page, its TF.js program, the pinned npm packages and the ONNX
 * file), all with the cross-origin isolation headers (COOP + COEP) without which ONNX Runtime
 * Web's WASM backend cannot use threads (it needs SharedArrayBuffer).
 */
final class BenchServer implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
      "text/javascript", "mjs", "text/javascript", "wasm", "application/wasm", "json", "application/json", "wgsl",
      "text/plain; charset=utf-8", "css", "text/css");

  private final HttpServer http;
  private final Path assets;
  private final Path web;
  private final Path onnx;
  private final Path weights;
  private volatile byte[] caseJson = new byte[0];

  /**
   * @param assets integration-tests/bench (page and scripts, committed)
   * @param web    integration-tests/target/bench-web (node_modules, installed by ./bench)
   * @param onnx   the model's ONNX export (/bench/model.onnx)
   * @param weights the weight folder
   */
  BenchServer(String host, int port, Path assets, Path web, Path onnx, Path weights) throws IOException {
    this.assets = assets.toAbsolutePath().normalize();
    this.web = web.toAbsolutePath().normalize();
    this.onnx = onnx.toAbsolutePath().normalize();
    this.weights = weights.toAbsolutePath().normalize();
    http = HttpServer.create(new InetSocketAddress(host, port), 0);
    http.createContext("/", this::handle);
    http.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bench-http");
      t.setDaemon(true);
      return t;
    }));
    http.start();
  }

  int port() {
    return http.getAddress().getPort();
  }

  String url(String path) {
    return "http://localhost:" + port() + path;
  }

  /** The input and Java reference output every runtime is checked against (/bench/case.json). */
  void setCase(byte[] json) {
    caseJson = json;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] body = null;
      if (path.equals("/bench/case.json")) {
        body = caseJson;
      } else if (path.equals("/bench.html") || path.equals("/bench/")) {
        body = file(assets, "bench.html");
        path = "/bench.html";
      } else if (path.equals("/bench/model.onnx")) {
        body = Files.isRegularFile(onnx) ? Files.readAllBytes(onnx) : null;
      } else if (path.startsWith("/bench/node_modules/")) {
        body = file(web, path.substring("/bench/".length()));
      } else if (path.startsWith("/bench/")) {
        body = file(assets, path.substring("/bench/".length()));
      } else if (path.startsWith("/weights/")) {
        body = file(weights, path.substring("/weights/".length()));
      } else if (!path.contains("..")) {
        try (InputStream in = BenchServer.class.getClassLoader().getResourceAsStream("public" + path)) {
          body = in == null ? null : in.readAllBytes();
        }
      }
      ex.getResponseHeaders().set("Cross-Origin-Opener-Policy", "same-origin");
      ex.getResponseHeaders().set("Cross-Origin-Embedder-Policy", "require-corp");
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      int dot = path.lastIndexOf('.');
      ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(dot < 0 ? "" : path.substring(dot + 1),
          "application/octet-stream"));
      ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** A file under root, or null when missing or outside it. */
  private static byte[] file(Path root, String relative) throws IOException {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root) || !Files.isRegularFile(p)) {
      return null;
    }
    return Files.readAllBytes(p);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
