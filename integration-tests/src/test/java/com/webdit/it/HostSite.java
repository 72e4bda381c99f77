package com.webdit.it;

import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;

/**
 * Somebody else's site on another origin (another port): pages with the WebDiT script tag, a
 * Content-Security-Policy without 'unsafe-eval' or 'unsafe-inline', and a favicon of its own.
 */
final class HostSite implements AutoCloseable {
  /** Where ./run-tests installs the pinned npm packages of integration-tests/frameworks/ (never the product). */
  static final java.nio.file.Path NPM = java.nio.file.Path.of("target/frameworks-web/node_modules").toAbsolutePath();
  final Javalin app;
  final String webdit;
  private final java.util.Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, String> scripts = new java.util.concurrent.ConcurrentHashMap<>();

  HostSite(String webditRoot) {
    this.webdit = webditRoot.endsWith("/") ? webditRoot.substring(0, webditRoot.length() - 1) : webditRoot;
    byte[] ownIcon = ownIcon();
    app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.routes.get("/own.png", ctx -> ctx.contentType("image/png").result(ownIcon));
      c.routes.get("/before.js", ctx -> ctx.contentType("text/javascript")
          .result("window.__keysBefore = Object.keys(window);"));
      c.routes.get("/host.html", ctx -> page(ctx, 1));
      c.routes.get("/two.html", ctx -> page(ctx, 2));
      c.routes.get("/plain.html", ctx -> page(ctx, 0));
      // Keeps every GPUDevice the page creates in window.__devices, so a test can lose them on purpose.
      c.routes.get("/capture.js", ctx -> ctx.contentType("text/javascript").result(
          "window.__devices = []; var rd = GPUAdapter.prototype.requestDevice;"
              + "GPUAdapter.prototype.requestDevice = function (d) { return rd.call(this, d).then(function (dev) {"
              + " window.__devices.push(dev); return dev; }); };"));
      c.routes.get("/lossy.html", ctx -> page(ctx, 1, "<script src=\"/capture.js\"></script>"));
      // Pages and scripts a test registers (page(), script()), served with the same policy.
      c.routes.get("/p/{name}", ctx -> {
        policy(ctx);
        ctx.contentType("text/html").result(pages.getOrDefault(ctx.pathParam("name"), "no such page"));
      });
      c.routes.get("/js/{name}", ctx -> ctx.contentType("text/javascript")
          .result(scripts.getOrDefault(ctx.pathParam("name"), "")));
      // Real frameworks' files (integration-tests/frameworks/package.json, installed by ./run-tests).
      c.routes.get("/npm/<path>", ctx -> {
        java.nio.file.Path file = NPM.resolve(ctx.pathParam("path")).normalize();
        if (!file.startsWith(NPM) || !java.nio.file.Files.isRegularFile(file)) {
          ctx.status(404).result("not installed: " + file + " (./run-tests installs integration-tests/frameworks)");
          return;
        }
        ctx.contentType("text/javascript").result(java.nio.file.Files.readAllBytes(file));
      });
      // Another vendor's script that happens to be called embed.js.
      c.routes.get("/vendor/embed.js", ctx -> ctx.contentType("text/javascript").result("window.__vendorLoaded = true;"));
    }).start(0);
  }

  private void page(io.javalin.http.Context ctx, int tags) {
    page(ctx, tags, "");
  }

  private void policy(io.javalin.http.Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self' " + webdit + "; connect-src 'self' "
        + webdit + "; img-src 'self' data: blob: " + webdit + " http://localhost:*");
  }

  /** Registers a page at /p/name: the host's own icon, before.js, then head, then body. Returns its URL. */
  String page(String name, String head, String body) {
    return pageWithIcon(name, "/own.png", head, body);
  }

  /** The same with the icon link pointing at iconHref (another origin's icon, say). */
  String pageWithIcon(String name, String iconHref, String head, String body) {
    pages.put(name, "<!doctype html><html><head><meta charset=utf-8><title>A host page</title>"
        + "<link rel=\"icon\" href=\"" + iconHref + "\"><script src=\"/before.js\"></script>" + head + "</head><body>" + body
        + "</body></html>");
    return url("/p/" + name);
  }

  /** Registers a script at /js/name (the pages' policy forbids inline scripts). Returns its tag. */
  String script(String name, String js) {
    scripts.put(name, js);
    return "<script src=\"/js/" + name + "\"></script>";
  }

  /** A WebDiT tag with these extra attributes (a plain, blocking script unless attrs say async). */
  String embedTag(String attrs) {
    return "<script src=\"" + webdit + "/embed.js\" " + attrs + "></script>";
  }

  private void page(io.javalin.http.Context ctx, int tags, String extraHead) {
    policy(ctx);
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=utf-8><title>A host page</title>"
        + "<link rel=\"icon\" href=\"/own.png\"><script src=\"/before.js\"></script>" + extraHead);
    for (int i = 0; i < tags; i++) {
      html.append("<script async src=\"").append(webdit).append("/embed.js\" data-category=\"")
          .append(i == 0 ? "animals" : "food")
          .append("\" data-steps=\"2\" data-fps=\"20\" data-loop=\"5s\" data-gpu=\"any\" data-seed=\"").append(42 + i)
          .append("\"></script>");
    }
    html.append("</head><body><h1>Someone's site</h1></body></html>");
    ctx.contentType("text/html").result(html.toString());
  }

  String url(String path) {
    return "http://localhost:" + app.port() + path;
  }

  private static byte[] ownIcon() {
    try {
      BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
      for (int i = 0; i < 16; i++) {
        img.setRGB(i, i, 0xff0000ff);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
