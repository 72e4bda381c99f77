package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Shipped means product: the server jar `java -jar` runs holds no test page, no test script, no
 * test fixture, no docs tool. They live in the harness module, shared's test-jar and these tests.
 */
class ShippedJarTest {
  /** Prefixes of what only tests and docs tools use. */
  static final List<String> TEST_ONLY = List.of(
      "public/kernel-tests.html", // the harness page (integration-tests' test resources)
      "public/tests/", // the harness script (the harness module)
      "com/webdit/harness/",
      "com/webdit/shared/fixtures/", // random models, model sizes, the tolerance check (shared's test-jar)
      "com/webdit/it/", // these tests, the benchmark and the docs tools (SampleGrid, Strips, screenshots)
      "com/webdit/client/"); // the client's Java: only its compiled scripts ship

  @Test
  void theServerJarHoldsNothingUsedOnlyByTestsOrDocsTools() throws IOException {
    assertTrue(Files.isRegularFile(LighthouseTest.JAR), LighthouseTest.JAR + " is missing: build the server module");
    List<String> found = new ArrayList<>();
    int publicFiles = 0;
    try (JarFile jar = new JarFile(LighthouseTest.JAR.toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        for (String prefix : TEST_ONLY) {
          if (e.getName().startsWith(prefix)) {
            found.add(e.getName());
          }
        }
        if (e.getName().startsWith("public/") && !e.isDirectory()) {
          publicFiles++;
        }
      }
    }
    assertEquals(List.of(), found, "test-only files in the shipped jar");
    assertTrue(publicFiles > 3, "the jar's public/ is nearly empty (" + publicFiles + " files): wrong jar?");
  }

  /** The tests' server does serve the harness: from the test classpath, beside the product's files. */
  @Test
  void theTestsServerServesTheHarness() throws Exception {
    try (LiveServer server = new LiveServer()) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("/kernel-tests.html", "/tests/tests.js")) {
        int status = http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status, path);
      }
    }
  }
}
