package com.webdit.it;

import com.webdit.server.App;
import com.webdit.server.Settings;
import io.javalin.Javalin;

/** The real server, exactly as `main` builds it, on a free port. */
public final class LiveServer implements AutoCloseable {
  /**
   * The tiny random test models (f16, i8, i4; the nine categories): what the browser tests serve
   * unless the shipped model is their subject. Relative to the integration-tests module, where Maven runs them.
   */
  public static final java.nio.file.Path TEST_WEIGHTS = java.nio.file.Path.of("src/test/resources/weights");

  private final Javalin app;

  public LiveServer() {
    app = App.create(Settings.defaults().withPort(0)).start();
  }

  /** Serving the weight files of a folder instead of the embedded ones. */
  public LiveServer(java.nio.file.Path weights) {
    app = App.create(Settings.defaults().withPort(0).withWeightsDir(weights)).start();
  }

  public String url(String path) {
    return "http://localhost:" + app.port() + path;
  }

  @Override
  public void close() {
    app.stop();
  }
}
