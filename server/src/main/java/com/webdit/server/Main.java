package com.webdit.server;

import io.javalin.Javalin;

/** `java -jar webdit-server.jar [--port N] ...`: see {@link Settings#USAGE}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.parse(args, System.getenv());
    } catch (Settings.UsageException e) {
      if (e.getMessage() != null) {
        System.err.println("error: " + e.getMessage());
      }
      System.err.println(Settings.USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    Javalin app = App.create(settings).start();
    String scheme = settings.tls() ? "https://localhost:" + settings.httpsPort() + " and " : "";
    System.out.println("WebDiT demo at " + scheme + "http://localhost:" + app.port() + "/");
  }
}
