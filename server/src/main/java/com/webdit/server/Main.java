package com.webdit.server;

import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * `java -jar webdit-server.jar [--port N] ...`: see {@link Settings#USAGE}. Anything that stops
 * startup (a bad option, a weight file it refuses, a busy port) is one line on stderr and a
 * non-zero exit: an operator reads the reason, not a stack trace.
 */
public final class Main {
  /** Exit codes: 2 for a bad command line (as getopt tools do), 1 for anything else that stops startup. */
  static final int EXIT_USAGE = 2;
  static final int EXIT_STARTUP = 1;

  private Main() {}

  /** Startup failed; the one line explaining why has been printed. */
  static final class Exit extends RuntimeException {
    final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  public static void main(String[] args) {
    try {
      start(args, System.getenv(), System.out, System.err);
    } catch (Exit e) {
      System.exit(e.code);
    }
  }

  /** Starts the server as `main` does, or prints one line to err and throws {@link Exit}. */
  static Javalin start(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Settings settings;
    try {
      settings = Settings.parse(args, env);
    } catch (Settings.UsageException e) {
      if (e.getMessage() == null) {
        out.println(Settings.USAGE);
        throw new Exit(0);
      }
      err.println("error: " + e.getMessage());
      err.println(Settings.USAGE);
      throw new Exit(EXIT_USAGE);
    }
    Javalin app;
    try {
      PortCheck.requireFree(settings.host(), settings.port());
      if (settings.tls()) {
        PortCheck.requireFree(settings.host(), settings.httpsPort());
      }
      app = App.create(settings).start();
    } catch (WeightFileException | UncheckedIOException | PortCheck.Unavailable | IllegalArgumentException e) {
      // IllegalArgumentException: a TLS certificate or key, or an access log file, that cannot be used.
      err.println("error: " + e.getMessage());
      throw new Exit(EXIT_STARTUP);
    } catch (JavalinBindException e) {
      err.println("error: port " + settings.port() + " on " + settings.host() + " was taken while starting: " + e.getMessage());
      throw new Exit(EXIT_STARTUP);
    }
    long grace = settings.operations().shutdownGraceMillis();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM (docker stop, systemd, Kubernetes): finish what is in flight, then exit.
      err.println("stopping: no new connections; requests in flight get up to " + grace / 1000.0 + " s");
      app.stop();
    }, "webdit-shutdown"));
    String scheme = settings.tls() ? "https://localhost:" + settings.httpsPort() + " and " : "";
    out.println("WebDiT demo at " + scheme + "http://localhost:" + app.port() + "/");
    return app;
  }
}
