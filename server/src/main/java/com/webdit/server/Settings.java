package com.webdit.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the server runs. {@link #parse} reads command-line flags with environment fallbacks, so
 * `java -jar webdit-server.jar` with nothing else serves the embedded demo on port 7070.
 *
 * @param weightsDir folder of *.safetensors to serve, or null for the files inside the jar
 * @param tlsCert PEM certificate chain; with tlsKey, HTTPS is served on httpsPort
 * @param tlsKey PEM PKCS#8 private key
 * @param operations deadlines, shutdown grace and access log
 */
public record Settings(String host, int port, Path weightsDir, Path tlsCert, Path tlsKey, int httpsPort,
    int renderConcurrency, int renderCacheEntries, Operations operations) {
  public static final int DEFAULT_PORT = 7070;
  public static final int DEFAULT_HTTPS_PORT = 8443;
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final String USAGE = String.join("\n",
      "usage: java -jar webdit-server.jar [options]",
      "  --port N          HTTP port (env PORT; default " + DEFAULT_PORT + "; 0 picks a free port)",
      "  --host ADDR       address to bind (env HOST; default " + DEFAULT_HOST
          + ", loopback only; 0.0.0.0 for every interface)",
      "  --weights DIR     serve the *.safetensors in DIR instead of the embedded ones (env WEBDIT_WEIGHTS)",
      "  --tls-cert FILE   PEM certificate chain; with --tls-key, also serve HTTPS",
      "  --tls-key FILE    PEM private key (PKCS#8: 'BEGIN PRIVATE KEY')",
      "  --https-port N    HTTPS port (default " + DEFAULT_HTTPS_PORT + ")",
      "  --render-threads N  CPU favicon renders at once for /api/favicon.png (default: cores)",
      "  --header-timeout S  seconds a request's headers may take to arrive (default "
          + Operations.DEFAULT_HEADER_DEADLINE_MILLIS / 1000 + ")",
      "  --shutdown-grace S  seconds in-flight requests get to finish on SIGTERM (default "
          + Operations.DEFAULT_SHUTDOWN_GRACE_MILLIS / 1000 + ")",
      "  --access-log WHERE  off (default), - for stdout, or a file; one line per request, asynchronous (env WEBDIT_ACCESS_LOG)",
      "  --help            print this and exit");

  /** CPU favicon renders at once: one per core keeps latency flat and memory bounded. */
  public static final int DEFAULT_RENDER_CONCURRENCY = Math.max(1, Runtime.getRuntime().availableProcessors());
  public static final int DEFAULT_RENDER_CACHE = 1024;

  public Settings {
    checkPort("port", port);
    if (operations == null) {
      throw new UsageException("operations settings are missing");
    }
    if (renderConcurrency < 1) {
      throw new UsageException("render concurrency must be at least 1, got " + renderConcurrency);
    }
    checkPort("https port", httpsPort);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new UsageException("--tls-cert and --tls-key go together: give both or neither");
    }
  }

  public static Settings defaults() {
    return new Settings(DEFAULT_HOST, DEFAULT_PORT, null, null, null, DEFAULT_HTTPS_PORT, DEFAULT_RENDER_CONCURRENCY,
        DEFAULT_RENDER_CACHE, Operations.defaults());
  }

  public Settings withPort(int newPort) {
    return new Settings(host, newPort, weightsDir, tlsCert, tlsKey, httpsPort, renderConcurrency, renderCacheEntries, operations);
  }

  public Settings withWeightsDir(Path dir) {
    return new Settings(host, port, dir, tlsCert, tlsKey, httpsPort, renderConcurrency, renderCacheEntries, operations);
  }

  public Settings withTls(Path cert, Path key, int newHttpsPort) {
    return new Settings(host, port, weightsDir, cert, key, newHttpsPort, renderConcurrency, renderCacheEntries, operations);
  }

  public Settings withRenderLimits(int concurrency, int cacheEntries) {
    return new Settings(host, port, weightsDir, tlsCert, tlsKey, httpsPort, concurrency, cacheEntries, operations);
  }

  public Settings withOperations(Operations newOperations) {
    return new Settings(host, port, weightsDir, tlsCert, tlsKey, httpsPort, renderConcurrency, renderCacheEntries,
        newOperations);
  }

  public boolean tls() {
    return tlsCert != null;
  }

  private static void checkPort(String what, int p) {
    if (p < 0 || p > 65535) {
      throw new UsageException(what + " " + p + " is outside [0, 65535]");
    }
  }

  public static Settings parse(String[] args, Map<String, String> env) {
    String host = env.getOrDefault("HOST", DEFAULT_HOST);
    int port = env.containsKey("PORT") ? intValue("PORT", env.get("PORT")) : DEFAULT_PORT;
    Path weights = env.containsKey("WEBDIT_WEIGHTS") ? Path.of(env.get("WEBDIT_WEIGHTS")) : null;
    Path cert = null;
    Path key = null;
    int httpsPort = DEFAULT_HTTPS_PORT;
    int renderThreads = DEFAULT_RENDER_CONCURRENCY;
    Operations ops = Operations.defaults();
    if (env.containsKey("WEBDIT_ACCESS_LOG")) {
      ops = ops.withAccessLog(env.get("WEBDIT_ACCESS_LOG"));
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        throw new UsageException(null);
      }
      if (i + 1 >= args.length) {
        throw new UsageException("missing value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> port = intValue(flag, value);
        case "--host" -> host = value;
        case "--weights" -> weights = Path.of(value);
        case "--tls-cert" -> cert = Path.of(value);
        case "--tls-key" -> key = Path.of(value);
        case "--https-port" -> httpsPort = intValue(flag, value);
        case "--render-threads" -> renderThreads = intValue(flag, value);
        case "--header-timeout" -> ops = ops.withHeaderDeadline(1000L * intValue(flag, value));
        case "--shutdown-grace" -> ops = ops.withShutdownGrace(1000L * intValue(flag, value));
        case "--access-log" -> ops = ops.withAccessLog(value);
        default -> throw new UsageException("unknown option " + flag);
      }
    }
    if (weights != null && !Files.isDirectory(weights)) {
      throw new UsageException("weights folder " + weights + " does not exist");
    }
    for (Path p : new Path[] {cert, key}) {
      if (p != null && !Files.isReadable(p)) {
        throw new UsageException("cannot read " + p);
      }
    }
    return new Settings(host, port, weights, cert, key, httpsPort, renderThreads, DEFAULT_RENDER_CACHE, ops);
  }

  private static int intValue(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " expects a number, got \"" + value + "\"");
    }
  }

  /** Bad command line; a null message means "print usage only". */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
