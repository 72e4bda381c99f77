package com.webdit.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.bidi.Connection;
import org.openqa.selenium.bidi.log.BaseLogEntry;
import org.openqa.selenium.bidi.log.Log;
import org.openqa.selenium.bidi.log.LogEntry;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.remote.Command;
import org.openqa.selenium.remote.CommandExecutor;
import org.openqa.selenium.remote.DriverCommand;
import org.openqa.selenium.remote.Response;
import org.openqa.selenium.remote.codec.w3c.W3CHttpCommandCodec;
import org.openqa.selenium.remote.codec.w3c.W3CHttpResponseCodec;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.Contents;
import org.openqa.selenium.remote.http.HttpClient;
import org.openqa.selenium.remote.http.HttpRequest;
import org.openqa.selenium.remote.http.HttpResponse;

/**
 * Selenium's RemoteWebDriver on a Firefox without geckodriver (which Debian and Maven do not
 * package): Firefox's own Marionette server speaks WebDriver classic over a socket, and this
 * executor does what geckodriver does in between. Selenium's W3C codec turns each command into its
 * HTTP endpoint (with Selenium's own atoms for getAttribute and isDisplayed), ROUTES maps the
 * endpoint to its Marionette command, and Marionette's answer goes back through Selenium's W3C
 * response codec, so errors become Selenium's exceptions. The browser console, which WebDriver
 * classic cannot read, comes from WebDriver BiDi's log.entryAdded on the same session and is
 * served as the "browser" log, as chromedriver serves Chromium's.
 */
final class Marionette implements CommandExecutor {
  private static final Json JSON = new Json();
  /** W3C endpoint (after /session/{id}) -> Marionette command; {id} and {name} become parameters. */
  private static final List<Route> ROUTES = List.of(
      new Route("POST", "/url", "WebDriver:Navigate"),
      new Route("GET", "/url", "WebDriver:GetCurrentURL"),
      new Route("GET", "/title", "WebDriver:GetTitle"),
      new Route("GET", "/source", "WebDriver:GetPageSource"),
      new Route("POST", "/refresh", "WebDriver:Refresh"),
      new Route("POST", "/back", "WebDriver:Back"),
      new Route("POST", "/forward", "WebDriver:Forward"),
      new Route("GET", "/timeouts", "WebDriver:GetTimeouts"),
      new Route("POST", "/timeouts", "WebDriver:SetTimeouts"),
      new Route("POST", "/execute/sync", "WebDriver:ExecuteScript"),
      new Route("POST", "/execute/async", "WebDriver:ExecuteAsyncScript"),
      new Route("POST", "/element", "WebDriver:FindElement"),
      new Route("POST", "/elements", "WebDriver:FindElements"),
      // Inside an element (Selenium's Select finds a select's options so): Marionette's "element" parameter.
      new Route("POST", "/element/{element}/element", "WebDriver:FindElement"),
      new Route("POST", "/element/{element}/elements", "WebDriver:FindElements"),
      new Route("GET", "/element/active", "WebDriver:GetActiveElement"),
      new Route("GET", "/element/{id}/enabled", "WebDriver:IsElementEnabled"),
      new Route("GET", "/element/{id}/selected", "WebDriver:IsElementSelected"),
      new Route("GET", "/element/{id}/text", "WebDriver:GetElementText"),
      new Route("GET", "/element/{id}/name", "WebDriver:GetElementTagName"),
      new Route("GET", "/element/{id}/rect", "WebDriver:GetElementRect"),
      new Route("GET", "/element/{id}/attribute/{name}", "WebDriver:GetElementAttribute"),
      new Route("GET", "/element/{id}/property/{name}", "WebDriver:GetElementProperty"),
      new Route("POST", "/element/{id}/click", "WebDriver:ElementClick"),
      new Route("POST", "/element/{id}/clear", "WebDriver:ElementClear"),
      new Route("POST", "/element/{id}/value", "WebDriver:ElementSendKeys"),
      new Route("GET", "/screenshot", "WebDriver:TakeScreenshot"),
      new Route("GET", "/window", "WebDriver:GetWindowHandle"),
      new Route("GET", "/window/handles", "WebDriver:GetWindowHandles"));
  /** Marionette answers these with the bare result; every other command wraps it in {"value": ...}. */
  private static final Set<String> UNWRAPPED = Set.of("WebDriver:FindElements", "WebDriver:GetTimeouts",
      "WebDriver:GetWindowHandles", "WebDriver:GetElementRect", "WebDriver:NewSession");

  private final Process firefox;
  private final Path profile;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final W3CHttpCommandCodec commands = new W3CHttpCommandCodec();
  private final W3CHttpResponseCodec responses = new W3CHttpResponseCodec();
  private final List<Map<String, Object>> console = new ArrayList<>();
  private String sessionId;
  private BiDi bidi;
  private int nextId;

  /**
   * Starts firefox (headless, its own profile with these user.js prefs, Marionette and the BiDi
   * server on free ports) and connects to it. Selenium's new-session command then opens the session.
   */
  Marionette(String firefoxBinary, Map<String, Object> prefs, List<String> arguments) {
    try {
      profile = Files.createTempDirectory("webdit-firefox-");
      StringBuilder userJs = new StringBuilder();
      prefs.forEach((k, v) -> userJs.append("user_pref(").append(JSON.toJson(k)).append(", ").append(JSON.toJson(v))
          .append(");\n"));
      Files.writeString(profile.resolve("user.js"), userJs);
      List<String> command = new ArrayList<>(List.of(firefoxBinary, "--headless", "--no-remote", "--marionette",
          "--remote-debugging-port=0", "--profile", profile.toString()));
      command.addAll(arguments);
      command.add("about:blank");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(profile.resolve("firefox.log").toFile());
      builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
      firefox = builder.start();
    } catch (IOException e) {
      throw new SessionNotCreatedException("cannot start " + firefoxBinary, e);
    }
    try {
      int port = Integer.parseInt(awaitFile("MarionetteActivePort").trim());
      socket = new Socket("127.0.0.1", port);
      // Longer than any command may take (page loads 300 s, scripts 180 s): a hung Firefox fails the test.
      socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(10));
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      read(); // the greeting: {"applicationType": "gecko", "marionetteProtocol": 3}
    } catch (IOException | RuntimeException e) {
      String log = firefoxLog();
      stopFirefox();
      throw new SessionNotCreatedException("Firefox did not start Marionette: " + e + "\n" + log, e);
    }
  }

  private String awaitFile(String name) throws IOException {
    Path file = profile.resolve(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (Files.isRegularFile(file) && !Files.readString(file).isBlank()) {
        return Files.readString(file);
      }
      if (!firefox.isAlive()) {
        throw new IOException("firefox exited with " + firefox.exitValue());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException("no " + name + " in the profile after 90 s");
  }

  private String firefoxLog() {
    try {
      String log = Files.readString(profile.resolve("firefox.log"));
      return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    } catch (IOException e) {
      return "(no firefox.log: " + e + ")";
    }
  }

  @Override
  public synchronized Response execute(Command command) {
    switch (command.getName()) {
      case DriverCommand.NEW_SESSION:
        return newSession();
      case DriverCommand.QUIT:
        quit();
        return success(null);
      case DriverCommand.GET_LOG:
        return success("browser".equals(command.getParameters().get("type")) ? takeConsole() : List.of());
      case DriverCommand.GET_AVAILABLE_LOG_TYPES:
        return success(List.of("browser"));
      default:
        HttpRequest request = commands.encode(command);
        String path = request.getUri().replaceFirst("^/session/[^/]+", "");
        for (Route route : ROUTES) {
          Map<String, Object> parameters = route.match(request.getMethod().toString(), path);
          if (parameters != null) {
            String body = Contents.utf8String(request.getContent());
            if (!body.isBlank()) {
              parameters.putAll(JSON.toType(body, Json.MAP_TYPE));
            }
            if (route.command.equals("WebDriver:TakeScreenshot")) {
              parameters.put("full", false); // the viewport, as WebDriver's screenshot command means
            }
            return call(route.command, parameters);
          }
        }
        throw new UnsupportedCommandException("Marionette.ROUTES has no route for " + command.getName() + " ("
            + request.getMethod() + " " + path + ")");
    }
  }

  private Response newSession() {
    // Marionette takes the capabilities themselves as its parameters (geckodriver merges W3C's alwaysMatch).
    Response r = call("WebDriver:NewSession", Map.of("webSocketUrl", true));
    if (!"success".equals(r.getState())) {
      return r;
    }
    // {sessionId, capabilities}, or the capabilities alone where the W3C codec took the session id out.
    Map<?, ?> value = (Map<?, ?>) r.getValue();
    Map<String, Object> capabilities = new LinkedHashMap<>();
    ((Map<?, ?>) (value.containsKey("capabilities") ? value.get("capabilities") : value))
        .forEach((k, v) -> capabilities.put(String.valueOf(k), v));
    sessionId = String.valueOf(value.containsKey("sessionId") ? value.get("sessionId") : r.getSessionId());
    // This executor holds the session's one BiDi connection, for the console; RemoteWebDriver would open another.
    String webSocketUrl = String.valueOf(capabilities.remove("webSocketUrl"));
    HttpClient client = HttpClient.Factory.createDefault().createClient(
        ClientConfig.defaultConfig().baseUri(URI.create(webSocketUrl)));
    bidi = new BiDi(new Connection(client, webSocketUrl));
    bidi.addListener(Log.entryAdded(), this::logged);
    Response created = success(capabilities);
    created.setSessionId(sessionId);
    return created;
  }

  private void logged(LogEntry entry) {
    String type = entry.getConsoleLogEntry().isPresent() ? "console" : entry.getJavascriptLogEntry().isPresent()
        ? "javascript" : "log";
    BaseLogEntry e = entry.getConsoleLogEntry().map(BaseLogEntry.class::cast)
        .or(() -> entry.getJavascriptLogEntry().map(BaseLogEntry.class::cast))
        .orElseGet(() -> entry.getGenericLogEntry().orElseThrow());
    String level = switch (e.getLevel()) {
      case ERROR -> "SEVERE";
      case WARNING -> "WARNING";
      case INFO -> "INFO";
      default -> "FINE";
    };
    String where = e.getStackTrace() != null && !e.getStackTrace().getCallFrames().isEmpty()
        ? e.getStackTrace().getCallFrames().get(0).getUrl() + " " : "";
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", level);
    line.put("timestamp", e.getTimestamp());
    line.put("message", type + " " + where + e.getText());
    synchronized (console) {
      console.add(line);
    }
  }

  /** The console lines since the last call, as chromedriver's "browser" log gives them. */
  private List<Map<String, Object>> takeConsole() {
    synchronized (console) {
      List<Map<String, Object>> lines = new ArrayList<>(console);
      console.clear();
      return lines;
    }
  }

  /** Sends one command and decodes Marionette's answer like a W3C HTTP response. */
  @SuppressWarnings("unchecked")
  private Response call(String name, Map<String, Object> parameters) {
    List<Object> reply;
    try {
      int id = ++nextId;
      byte[] message = JSON.toJson(List.of(0, id, name, parameters)).getBytes(StandardCharsets.UTF_8);
      out.write((message.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.write(message);
      out.flush();
      do {
        reply = JSON.toType(read(), List.class);
      } while (((Number) reply.get(1)).intValue() != id);
    } catch (IOException e) {
      throw new UncheckedIOException("Marionette " + name + " failed; firefox.log:\n" + firefoxLog(), e);
    }
    Object error = reply.get(2);
    Object result = reply.get(3);
    if (error != null) {
      return decode(500, error);
    }
    return decode(200, UNWRAPPED.contains(name) || !(result instanceof Map) ? result : ((Map<?, ?>) result).get("value"));
  }

  private Response success(Object value) {
    return decode(200, value);
  }

  /** What a W3C driver answers over HTTP with this status and value, as Selenium decodes it. */
  private Response decode(int status, Object value) {
    HttpResponse http = new HttpResponse().setStatus(status);
    http.setHeader("Content-Type", "application/json; charset=utf-8");
    http.setContent(Contents.asJson(java.util.Collections.singletonMap("value", value)));
    Response response = responses.decode(http);
    if (response.getSessionId() == null) {
      response.setSessionId(sessionId);
    }
    return response;
  }

  /** One Marionette frame: the JSON's length in ASCII digits, a colon, the JSON. */
  private String read() throws IOException {
    int length = 0;
    for (int c; (c = in.read()) != ':'; ) {
      if (c < '0' || c > '9') {
        throw new IOException("Marionette closed the connection or sent a bad frame (" + c + ")");
      }
      length = length * 10 + (c - '0');
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Closes the connections and ends Firefox; also where RemoteWebDriver could not open the session. */
  void quit() {
    try {
      if (bidi != null) {
        bidi.close();
      }
      socket.close();
    } catch (IOException | RuntimeException ignored) {
      // Firefox goes anyway.
    } finally {
      stopFirefox();
    }
  }

  private void stopFirefox() {
    firefox.destroy();
    try {
      if (!firefox.waitFor(10, TimeUnit.SECONDS)) {
        firefox.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder; nothing depends on it going.
    }
  }

  /** A W3C endpoint template and its Marionette command. */
  private static final class Route {
    final String method;
    final Pattern path;
    final List<String> names = new ArrayList<>();
    final String command;

    Route(String method, String template, String command) {
      this.method = method;
      this.command = command;
      Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
        names.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(template.substring(last)));
      this.path = Pattern.compile(regex.toString());
    }

    /** The path's parameters when this route matches, else null. */
    Map<String, Object> match(String method, String uri) {
      Matcher m = path.matcher(uri);
      if (!this.method.equals(method) || !m.matches()) {
        return null;
      }
      Map<String, Object> parameters = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        parameters.put(names.get(i), java.net.URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
      }
      return parameters;
    }
  }
}
