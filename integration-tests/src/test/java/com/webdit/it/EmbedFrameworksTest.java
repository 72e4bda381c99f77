package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embed on pages built with real frameworks, the pinned npm packages of
 * integration-tests/frameworks/ (installed by ./run-tests, served by the host site under /npm/):
 * zone.js patching the browser's promises (Angular), React owning and removing its own icon link,
 * and Turbo Drive merging {@code <head>} on every visit.
 */
class EmbedFrameworksTest extends EmbedHostTest {
  static final String TINY = "data-category=\"animals\" data-steps=\"2\" data-seed=\"42\" data-loop=\"5s\" data-fps=\"20\"";
  static final String LISTEN = "window.__frames = []; window.__fallback = null; window.__stops = 0;"
      + "WebDiT.on('frame', function (d) { window.__frames.push(d.url); });"
      + "WebDiT.on('fallback', function (d) { window.__fallback = d.reason; });"
      + "WebDiT.on('stop', function () { window.__stops++; });";
  /** The icon link the browser uses while WebDiT runs: ours, in head, the only one whose rel says icon. */
  static final String OURS_SHOWN = "(function () { var icons = document.querySelectorAll(\"link[rel~='icon']\");"
      + " return icons.length === 1 && icons[0].hasAttribute('data-webdit') && icons[0].parentNode === document.head"
      + " && icons[0].href.indexOf('data:image/png') === 0; })()";

  @BeforeAll
  static void frameworksInstalled() {
    if (!Files.isDirectory(HostSite.NPM.resolve("zone.js"))) {
      throw new IllegalStateException(HostSite.NPM + " is missing: ./run-tests installs it (npm ci of "
          + "integration-tests/frameworks/package-lock.json into integration-tests/target/frameworks-web)");
    }
  }

  private static String npm(String path) {
    return "<script src=\"/npm/" + path + "\"></script>";
  }

  private void assertNoConsoleErrors() {
    assertNoConsoleErrorsBut("no framework's own");
  }

  /** No console error but those a framework's own script (source) logs itself. */
  private void assertNoConsoleErrorsBut(String source) {
    List<String> errors = PageState.severeConsoleMessages(driver).stream().filter(m -> !m.contains(source)).toList();
    assertTrue(errors.isEmpty(), "console errors: " + errors);
  }

  @Test
  void zoneJsLoadedFirstLeavesTheGpuPathDrawing() {
    driver = open(Browser.CHROMIUM, true);
    driver.get(host.page("zone", npm("zone.js/bundles/zone.umd.min.js")
        + host.embedTag(TINY + " data-gpu=\"any\"") + host.script("listen.js", LISTEN), ""));
    // zone.js is active: the browser's own Promise.prototype.then now returns a ZoneAwarePromise.
    assertEquals(Boolean.TRUE, js("var native = (async function () {})();"
        + "return typeof Zone === 'function' && native.then(function () {}).constructor !== native.constructor;"));
    until("two favicons drawn on the GPU", () -> count("window.__frames.length") >= 2
        || js("return window.__fallback;") != null);
    assertNull(js("return window.__fallback;"), "no fallback to the server under zone.js");
    assertEquals(0L, count("performance.getEntriesByType('resource').filter(function (e) {"
        + " return e.name.indexOf('/api/favicon.png') >= 0; }).length"), "every favicon came from the GPU");
    assertEquals(Boolean.TRUE, js("return " + OURS_SHOWN + ";"), "our icon is shown");
    Object generated = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "WebDiT.generate({seed: 7, steps: 2}).then(done, function (e) { done('rejected: ' + e.message); });");
    assertTrue(String.valueOf(generated).startsWith("data:image/png"), "generate() under zone.js: " + generated);
    js("WebDiT.stop();");
    assertTrue(icon().endsWith("/own.png"), "stop() gives the page its icon back: " + icon());
    assertNoConsoleErrors();
  }

  @Test
  void aReactAppThatRemovesItsOwnIconLinkKeepsRunning() {
    driver = open(Browser.CHROMIUM, false);
    String app = "var e = React.createElement;"
        + "function App() {"
        + "  var unread = React.useState(3), clicks = React.useState(0);"
        + "  window.__app = { read: function () { unread[1](0); }, click: function () { clicks[1](function (c) { return c + 1; }); } };"
        // The app's own icon, rendered into <head> (a badge while there is something unread); another element once read.
        + "  var icon = unread[0] > 0 ? e('link', {key: 'badge', rel: 'icon', href: '/own.png?unread=' + unread[0]})"
        + "      : e('link', {key: 'plain', rel: 'icon', href: '/own.png?unread=0'});"
        + "  return e(React.Fragment, null, ReactDOM.createPortal(icon, document.head),"
        + "      e('p', {id: 'app'}, 'clicks ' + clicks[0]));"
        + "}"
        + "class Boundary extends React.Component {"
        + "  constructor(p) { super(p); this.state = {error: null}; }"
        + "  static getDerivedStateFromError(error) { return {error: error}; }"
        + "  componentDidCatch(error) { window.__reactError = String(error); }"
        + "  render() { return this.state.error ? e('p', {id: 'crashed'}, 'crashed') : this.props.children; }"
        + "}"
        + "ReactDOM.createRoot(document.getElementById('root')).render(e(Boundary, null, e(App)));";
    driver.get(host.page("react", npm("react/umd/react.production.min.js") + npm("react-dom/umd/react-dom.production.min.js")
        + host.embedTag(TINY) + host.script("listen.js", LISTEN),
        "<div id=\"root\"></div>" + host.script("app.js", app)));
    until("the app's badge icon", () -> count("document.querySelectorAll(\"link[href$='unread=3']\").length") == 1);
    until("a favicon from the server", () -> count("window.__frames.length") >= 1);
    assertEquals(Boolean.TRUE, js("return " + OURS_SHOWN + ";"), "our icon is shown");
    assertEquals(1L, count("document.querySelectorAll(\"link[href$='unread=3']\").length"),
        "the app's link is still where React put it");

    js("window.__app.read();"); // React removes its badge link and renders another one
    until("the app's new icon", () -> count("document.querySelectorAll(\"link[href$='unread=0']\").length") == 1);
    assertNull(js("return window.__reactError || null;"), "React's removal of its own link works");
    js("window.__app.click();");
    until("the app to re-render", () -> "clicks 1".equals(js("var p = document.getElementById('app'); return p && p.textContent;")));
    long shown = count("window.__frames.length");
    until("another favicon", () -> count("window.__frames.length") > shown);
    assertEquals(Boolean.TRUE, js("return " + OURS_SHOWN + ";"), "our icon is still the one shown");

    js("WebDiT.stop();");
    assertEquals(1L, count("window.__stops"), "the stop event");
    assertEquals(0L, count("document.querySelectorAll('link[data-webdit]').length"), "our link is gone");
    @SuppressWarnings("unchecked")
    List<String> icons = (List<String>) js("return Array.prototype.map.call("
        + "document.querySelectorAll(\"link[rel~='icon']\"), function (l) { return l.href; });");
    assertEquals(2, icons.size(), "the page's icons as they are now (its static one and the app's current one): " + icons);
    assertTrue(icons.get(1).endsWith("/own.png?unread=0"), "the app's current icon is the page's last: " + icons);
    assertEquals(0L, count("document.querySelectorAll(\"link[href$='unread=3']\").length"), "no stale copy put back");
    assertEquals("clicks 1", js("return document.getElementById('app').textContent;"), "the app is alive");
    assertNoConsoleErrors();
  }

  @Test
  void turboDriveVisitsKeepOurIconAndStopIsClean() {
    driver = open(Browser.CHROMIUM, false);
    String head = npm("@hotwired/turbo/dist/turbo.es2017-umd.js") + host.embedTag(TINY) + host.script("listen.js", LISTEN);
    for (int i = 1; i <= 4; i++) {
      host.page("turbo" + i, head, "<h1 id=\"page\">page " + i + "</h1><a id=\"next\" href=\"/p/turbo" + (i + 1) + "\">next</a>");
    }
    driver.get(host.url("/p/turbo1"));
    until("a favicon from the server", () -> count("window.__frames.length") >= 1);
    js("window.__sameDocument = true;");
    for (int visit = 2; visit <= 4; visit++) {
      long before = count("window.__frames.length");
      String page = "page " + visit;
      js("Turbo.visit('/p/turbo" + visit + "');");
      until("Turbo's visit to " + page, () -> page.equals(js("var h = document.getElementById('page'); return h && h.textContent;")));
      assertEquals(Boolean.TRUE, js("return window.__sameDocument === true;"), "a Turbo visit, not a page load");
      until("our icon after visit " + (visit - 1), () -> Boolean.TRUE.equals(js("return " + OURS_SHOWN + ";")));
      until("a new favicon shown after visit " + (visit - 1), () -> count("window.__frames.length") > before
          && Boolean.TRUE.equals(js("var l = document.querySelector('link[data-webdit]');"
              + " return !!l && l.isConnected && l.href === window.__frames[window.__frames.length - 1];")));
    }
    // Back: Turbo restores its cached snapshot of page 3, copies of our nodes included.
    js("history.back();");
    until("Turbo's restoration of page 3", () -> "page 3".equals(js("var h = document.getElementById('page'); return h && h.textContent;")));
    until("our icon, and one, after going back", () -> Boolean.TRUE.equals(js("return " + OURS_SHOWN + ";"))
        && count("document.querySelectorAll('link[data-webdit]').length") == 1);
    js("WebDiT.stop();");
    assertEquals(1L, count("window.__stops"), "the stop event");
    assertEquals(0L, count("document.querySelectorAll('link[data-webdit]').length"), "our link is gone");
    assertEquals(0L, count("document.querySelectorAll(\"link[rel~='webdit-hidden-icon']\").length"), "no icon left hidden");
    assertEquals(1L, count("document.querySelectorAll(\"link[rel~='icon']\").length"), "the page's one icon");
    assertTrue(icon().endsWith("/own.png"), "stop() gives the page its icon back: " + icon());
    // Turbo's progress bar inserts an inline <style>, which the host's policy (no 'unsafe-inline',
    // no csp-nonce meta) refuses: Turbo's own message, not WebDiT's.
    assertNoConsoleErrorsBut("/npm/@hotwired/turbo/dist/turbo.es2017-umd.js");
  }
}
