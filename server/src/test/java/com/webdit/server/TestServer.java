package com.webdit.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Starts {@link App#create} on a free port for one test, like JavalinTest.test(app, (server, client) -> ...). */
final class TestServer implements AutoCloseable {
  final Javalin app;
  final HttpClient http = HttpClient.newHttpClient();

  private TestServer(Settings settings) {
    app = App.create(settings.withPort(0)).start();
  }

  static TestServer start() {
    return new TestServer(Settings.defaults().withPort(0));
  }

  static TestServer start(Settings settings) {
    return new TestServer(settings);
  }

  static TestServer start(Path weightsDir) {
    return new TestServer(Settings.defaults().withWeightsDir(weightsDir));
  }

  String base() {
    return "http://localhost:" + app.port();
  }

  HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  String getString(String path) throws IOException, InterruptedException {
    return new String(get(path).body(), StandardCharsets.UTF_8);
  }

  /** Sends these exact bytes (a whole request, or a malformed one) and returns everything the server answers. */
  String rawRequest(String request) throws IOException {
    try (Socket s = new Socket("localhost", app.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Sends a raw request line untouched (HTTP clients normalise '..' away) and returns the whole response. */
  String raw(String target) throws IOException {
    try (Socket s = new Socket("localhost", app.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
