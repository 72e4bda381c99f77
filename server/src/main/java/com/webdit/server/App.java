package com.webdit.server;

import com.webdit.shared.json.Json;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.product.Categories;
import io.javalin.Javalin;
import io.javalin.compression.Brotli;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.staticfiles.Location;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the WebDiT server: tests start exactly what `main` starts. */
public final class App {
  private static final Logger LOG = LoggerFactory.getLogger("webdit");
  /** The embed script exactly as the client build wrote it (the Embed GWT module, one function-scoped script). */
  static final String EMBED_SCRIPT = "public/embed/embed.js";

  private App() {}

  public static Javalin create(Settings settings) {
    ModelStore store = ModelStore.load(settings.weightsDir());
    if (store.all().isEmpty()) {
      LOG.warn("no *.safetensors in {}: /api/health reports unhealthy and favicons answer 503",
          settings.weightsDir() == null ? "the jar" : settings.weightsDir());
    }
    ServedModel preferred = store.preferred();
    FaviconRenderer favicons = preferred == null ? null
        : new FaviconRenderer(preferred, settings.renderConcurrency(), settings.renderCacheEntries());
    PublishedFiles published = published(store);
    AccessLog accessLog = AccessLog.open(settings.operations().accessLog());
    return Javalin.create(config -> {
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.startup.showJavalinBanner = false;
      // Static files (page, GWT script, kernels) are compressed in memory by Javalin; weights and
      // embed.js are precompressed at build time and served by PublishedFiles (a strong ETag per encoding).
      config.http.compressionStrategy = Precompressed.brotliAvailable()
          ? new CompressionStrategy(new Brotli(), new Gzip())
          : new CompressionStrategy(null, new Gzip());
      config.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/public";
        sf.location = Location.CLASSPATH;
        sf.precompressMaxSize = 4 * 1024 * 1024;
        // Without a known type Javalin compresses .wgsl on the fly but keeps the plain Content-Length.
        sf.mimeTypes.add("text/wgsl", "wgsl");
        // Public content: host pages on any origin fetch the kernels through the embed script.
        // Vary: Javalin sends these br, gzip or plain per Accept-Encoding (their ETag is weak, so
        // one validator for all three is allowed), and a shared cache must key on the encoding.
        sf.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
            "Access-Control-Allow-Origin", "*", "Vary", "Accept-Encoding");
      });
      // A POST to a GET route is 405 with Allow, not 404: the resource exists, the method does not.
      config.http.prefer405over404 = true;
      config.jetty.modifyServletContextHandler(handler -> {
        FilterHolder noWebSocket = new FilterHolder(new NoWebSocketFilter());
        noWebSocket.setAsyncSupported(true); // every filter on the way must allow it, or PublishedFiles writes blocking
        handler.addFilter(noWebSocket, "/*", EnumSet.of(DispatcherType.REQUEST));
        // Beside Javalin's servlet ("/*"): the servlet spec's longest match sends these paths here.
        ServletHolder files = new ServletHolder("published-files", published);
        files.setAsyncSupported(true);
        files.setInitParameter("pathInfoOnly", "false"); // Jetty looks up "/weights/NAME", not "/NAME"
        handler.addServlet(files, "/weights/*");
        handler.addServlet(files, "/embed.js");
      });
      config.jetty.modifyServer(server -> {
        // Errors raised by Jetty itself, before any route, get the same JSON shape as ours.
        server.setErrorHandler(new JsonErrorHandler());
        server.addBean(new HeaderDeadline(server, settings.operations().headerDeadlineMillis()));
        // Graceful stop: connectors stop accepting, new requests on open connections get 503, and
        // Javalin's StatisticsHandler lets requests in flight (a favicon render) finish, up to the grace.
        server.setStopTimeout(settings.operations().shutdownGraceMillis());
        if (accessLog != null) {
          server.setRequestLog(accessLog);
        }
      });
      if (settings.tls()) {
        config.jetty.addConnector((server, http) -> Tls.connector(server, http, settings));
      }
      if (favicons != null) {
        config.events.serverStopped(favicons::close); // the render threads
      }
      if (accessLog != null) {
        config.events.serverStopped(accessLog::close);
      }

      Handler healthHandler = ctx -> ctx.status(store.all().isEmpty() ? 503 : 200).contentType("application/json")
          .header("Access-Control-Allow-Origin", "*").result(Json.write(health(store)));
      Handler modelsHandler = ctx -> ctx.contentType("application/json").header("Access-Control-Allow-Origin", "*")
          .result(Json.write(models(store)));
      getAndHead(config.routes, "/api/health", healthHandler);
      getAndHead(config.routes, "/api/models", modelsHandler);
      Categories categories = preferred == null ? null : preferred.weightFile().categories();
      getAndHead(config.routes, "/api/favicon.png", new FaviconHandler(favicons, categories, FaviconHandler.Format.PNG));
      getAndHead(config.routes, "/api/favicon.ico", new FaviconHandler(favicons, categories, FaviconHandler.Format.ICO));

      config.routes.error(404, ctx -> {
        if (ctx.result() == null || !"application/json".equals(ctx.res().getContentType())) {
          ApiError.send(ctx, 404, "nothing at " + ctx.path());
        }
      });
      config.routes.exception(MethodNotAllowedResponse.class, (e, ctx) -> {
        // Javalin lists the route's methods in the exception's one detail ("GET, HEAD").
        String allow = String.join(", ", e.getDetails().values());
        ctx.header("Allow", allow);
        ApiError.send(ctx, 405, ctx.method() + " is not served at " + ctx.path() + "; it takes " + allow);
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ApiError.send(ctx, 500, "internal error; see the server log");
      });
    });
  }

  /**
   * Registers the handler for GET and HEAD. Without the explicit HEAD route Javalin answers HEAD
   * on a GET route itself, 200 with an empty text/plain body, without running the handler: wrong
   * for a missing file or a bad query. Jetty drops the body of a HEAD response and keeps the
   * headers, so one handler serves both.
   */
  private static void getAndHead(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }

  /**
   * Every weight file at /weights/{name} (immutable when its name carries its hash, revalidated
   * otherwise) and the embed script at /embed.js (revalidated: a new release must reach every site
   * at once), each with its br and gzip encodings.
   */
  static PublishedFiles published(ModelStore store) {
    PublishedFiles files = new PublishedFiles();
    for (ServedModel m : store.all()) {
      Precompressed encodings = store.precompressed(m);
      if (encodings.compressedAtStartup()) {
        LOG.info("compressed {} at startup: put its .br and .gz next to it to skip this (README, weights folder)",
            m.fileName());
      }
      files.add("/weights/" + m.fileName(), encodings, m.sha256(), "application/octet-stream",
          m.contentHashedName() ? PublishedFiles.IMMUTABLE : PublishedFiles.REVALIDATE);
    }
    byte[] script = classpathFile(EMBED_SCRIPT);
    if (script == null) {
      throw new IllegalStateException(EMBED_SCRIPT + " is missing from the classpath: build the client module first");
    }
    files.add("/embed.js", Precompressed.load(EMBED_SCRIPT, script, App::classpathFile), ServedModel.sha256Hex(script),
        "text/javascript; charset=utf-8", PublishedFiles.REVALIDATE);
    return files;
  }

  private static byte[] classpathFile(String name) {
    try (InputStream in = App.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
    }
  }

  /**
   * Healthy means the server can do its job: with no model it can serve neither the demo nor a
   * favicon, so a load balancer must take it out of rotation (503) rather than count it as up.
   */
  static Map<String, Object> health(ModelStore store) {
    Map<String, Object> m = new LinkedHashMap<>();
    boolean ok = !store.all().isEmpty();
    m.put("status", ok ? "ok" : "unhealthy");
    m.put("models", Long.valueOf(store.all().size()));
    if (!ok) {
      m.put("message", "no weight files to serve: put *.safetensors in the weights folder");
    }
    return m;
  }

  static Map<String, Object> models(ModelStore store) {
    List<Object> list = new ArrayList<>();
    for (ServedModel s : store.all()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.config().name());
      m.put("file", s.fileName());
      m.put("url", "/weights/" + s.fileName());
      m.put("bytes", Long.valueOf(s.size()));
      m.put("sha256", s.sha256());
      Map<String, Object> dtypes = new LinkedHashMap<>();
      s.dtypeCounts().forEach((k, v) -> dtypes.put(k, Long.valueOf(v)));
      m.put("dtypes", dtypes);
      m.put("config", s.config().toJsonMap());
      m.put("categories", new ArrayList<Object>(s.weightFile().categories().names()));
      list.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format_version", WeightFile.FORMAT_VERSION);
    root.put("models", list);
    return root;
  }
}
