package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files, as a hosted demo needs (WebGPU requires a secure context). */
class TlsTest {
  @TempDir Path dir;

  @Test
  void servesHttpsFromAPemCertificateAndKey() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    selfSigned(cert, key);

    int httpsPort;
    try (ServerSocket free = new ServerSocket(0)) {
      httpsPort = free.getLocalPort();
    }
    Javalin app = App.create(Settings.defaults().withPort(0).withTls(cert, key, httpsPort)).start();
    try {
      SSLContext trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new X509TrustManager() {
        public void checkClientTrusted(X509Certificate[] c, String a) {}
        public void checkServerTrusted(X509Certificate[] c, String a) {}
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + "/api/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("\"ok\""));
      assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
    } finally {
      app.stop();
    }
  }

  @Test
  void aPkcs1KeyIsRefusedWithAFix() throws Exception {
    Path cert = dir.resolve("cert.pem");
    selfSigned(cert, dir.resolve("key.pem"));
    Path key = dir.resolve("rsa.pem");
    java.nio.file.Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Tls.keyStore(cert, key));
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
  }

  private static void selfSigned(Path cert, Path key) throws Exception {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "openssl failed: " + out);
  }
}
