package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;

/**
 * The drop-in script on host pages that do what real sites do: replace Promise, wrap
 * fetch, pollute prototypes, pre-define globals, load another vendor's embed.js, insert the tag
 * from a tag manager, stop it at once, frame it, ask for reduced motion or saved data. Every host
 * page is on another origin under a Content-Security-Policy without inline scripts or eval.
 * WebGPU here is SwiftShader, which the embed treats as a software adapter and so uses the
 * server's favicons unless the tag says data-gpu="any".
 */
class EmbedGoodCitizenTest extends EmbedHostTest {
  static final String TINY = "data-category=\"animals\" data-steps=\"2\" data-fps=\"20\" data-seed=\"42\"";



  /** Resource-timing entries whose URL contains part (the embed fetches with fetch(), so they are all here). */
  private long requests(String part) {
    return count("performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('"
        + part + "') >= 0; }).length");
  }

  /** Records the embed's events in window.__frames, __images, __fallback; goes right after the tag. */
  static final String LISTEN = "window.__frames = []; window.__images = []; window.__fallback = null;"
      + "WebDiT.on('frame', function (d) { window.__frames.push(d.step + '/' + d.steps); });"
      + "WebDiT.on('image', function (d) { window.__images.push(d.url); window.__serverImage = d.fallback === true; });"
      + "WebDiT.on('fallback', function (d) { window.__fallback = d.reason; });";

  /** The tag, then a host script that listens to it (WebDiT exists as soon as the tag has run). */
  static String listened(HostSite site, String attrs) {
    return site.embedTag(attrs) + site.script("listen.js", LISTEN);
  }

  /** A host with its own Promise, a fetch that returns it, and enumerable junk on the prototypes. */
  static final String HOSTILE_HOST = "(function () {"
      + "function HostPromise(executor) { var self = this; this.s = 0; this.v = undefined; this.q = [];"
      + "  function settle(s, v) { if (self.s) return; if (s === 1 && v && typeof v.then === 'function') {"
      + "    v.then(function (x) { self.s = 0; settle(1, x); }, function (e) { self.s = 0; settle(2, e); }); self.s = 3; return; }"
      + "    self.s = s; self.v = v; var q = self.q; self.q = []; q.forEach(function (f) { setTimeout(f, 0); }); }"
      + "  try { executor(function (v) { settle(1, v); }, function (e) { settle(2, e); }); } catch (e) { settle(2, e); } }"
      + "HostPromise.prototype.then = function (ok, bad) { var self = this; return new HostPromise(function (res, rej) {"
      + "  function run() { try { if (self.s === 1) res(ok ? ok(self.v) : self.v); else if (bad) res(bad(self.v)); else rej(self.v); }"
      + "    catch (e) { rej(e); } }"
      + "  if (self.s === 1 || self.s === 2) setTimeout(run, 0); else self.q.push(run); }); };"
      + "HostPromise.prototype['catch'] = function (bad) { return this.then(null, bad); };"
      + "HostPromise.resolve = function (v) { return new HostPromise(function (r) { r(v); }); };"
      + "HostPromise.reject = function (v) { return new HostPromise(function (r, j) { j(v); }); };"
      + "HostPromise.all = function (list) { return new HostPromise(function (res, rej) { var out = [], n = list.length;"
      + "  if (!n) res(out); list.forEach(function (p, i) { HostPromise.resolve(p).then(function (v) { out[i] = v;"
      + "  if (--n === 0) res(out); }, rej); }); }); };"
      + "window.Promise = HostPromise;"
      + "var realFetch = window.fetch; window.fetch = function () { var p = realFetch.apply(window, arguments);"
      + "  return new HostPromise(function (res, rej) { p.then(res, rej); }); };"
      + "Object.prototype.hostHelper = function () { return 'host'; };"
      + "Array.prototype.hostExtra = 'host';"
      + "})();";

  @Test
  void worksWhenTheHostReplacedPromiseWrappedFetchAndPollutedPrototypes() {
    driver = open(Browser.CHROMIUM, true);
    driver.get(host.page("hostile", host.script("hostile.js", HOSTILE_HOST) + listened(host, TINY + " data-gpu=\"any\""),
        ""));
    until("two frames on the GPU", () -> count("window.__frames.length") >= 2);
    assertEquals(null, js("return window.__fallback;"), "no fallback: the GPU path works with the host's Promise");
    List<String> errors = PageState.severeConsoleMessages(driver);
    assertTrue(errors.isEmpty(), "console errors: " + errors);
  }

  /**
   * The download and the engine build yield to the page with scheduler.yield() where the browser
   * has it (this Chromium does) and with a MessageChannel message where it does not (Safari):
   * a page without window.scheduler exercises that second way, which must still get to an image.
   */
  @Test
  void startsWhereTheBrowserHasNoSchedulerYield() {
    driver = open(Browser.CHROMIUM, true);
    String noScheduler = host.script("no-scheduler.js", "delete window.scheduler; delete Window.prototype.scheduler;"
        + "window.__hasScheduler = 'scheduler' in window;");
    driver.get(host.page("no-scheduler", noScheduler + listened(host, TINY + " data-gpu=\"any\""), ""));
    assertEquals(Boolean.FALSE, js("return window.__hasScheduler;"), "the page has no scheduler");
    until("an image", () -> count("window.__images.length") >= 1);
    assertEquals(null, js("return window.__fallback;"), "drawn on the GPU");
  }

  @Test
  void leavesTheHostsGlobalsAloneAndNeverAlerts() throws Exception {
    driver = open(Browser.CHROMIUM, false);
    String setup = host.script("globals.js", "window.WebDiT = {mine: true}; window.goog = {mine: true};"
        + "window.$gwt = {mine: true}; window.__before = {WebDiT: window.WebDiT, goog: window.goog, $gwt: window.$gwt};"
        + "window.__keysBefore = Object.keys(window);");
    // What WebDriver itself leaves on a page without WebDiT, after the same calls, so it is not blamed on us.
    driver.get(host.page("globals-plain", setup, "") + "?gwt.codesvr=127.0.0.1:9997");
    noAlert();
    icon();
    js("function same(a, b) { return a === b; } return same(1, 1);");
    java.util.Set<String> webdriverGlobals = new java.util.HashSet<>(addedGlobals());
    driver.get(host.page("globals", setup + host.embedTag(TINY), "") + "?gwt.codesvr=127.0.0.1:9997");
    noAlert();
    // The embed still keeps the tab's icon alive, from the server here (no WebGPU).
    until("a WebDiT icon", () -> icon().startsWith("data:image/png"));
    assertEquals("WebDiT:same goog:same $gwt:same gwtKeys:mine gooKeys:mine", js("function same(a, b) { return a === b ? 'same' : 'replaced'; }"
        + "return 'WebDiT:' + same(window.WebDiT, window.__before.WebDiT) + ' goog:' + same(window.goog, window.__before.goog)"
        + " + ' $gwt:' + same(window.$gwt, window.__before.$gwt) + ' gwtKeys:' + Object.keys(window.$gwt).join(',')"
        + " + ' gooKeys:' + Object.keys(window.goog).join(',');"), "the host's WebDiT, goog and $gwt are untouched");
    List<String> added = new java.util.ArrayList<>(addedGlobals());
    added.removeAll(webdriverGlobals);
    assertEquals(List.of(), added, "globals added by the embed (the host owns WebDiT here, so none; WebDriver's own: "
        + webdriverGlobals + ")");
  }

  private void noAlert() {
    try {
      driver.switchTo().alert();
      throw new AssertionError("the page showed an alert");
    } catch (NoAlertPresentException expected) {
      // no alert, as it should be
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> addedGlobals() {
    return (List<String>) js("var before = new Set(window.__keysBefore);"
        + "return Object.keys(window).filter(function (k) { return !before.has(k); });");
  }

  @Test
  void findsItsServerFromItsOwnScriptElementNotAnotherVendorsEmbedJs() {
    driver = open(Browser.CHROMIUM, false);
    driver.get(host.page("vendor", "<script src=\"/vendor/embed.js\"></script>" + host.embedTag(TINY), ""));
    until("a WebDiT icon", () -> icon().startsWith("data:image/png"));
    assertEquals(Boolean.TRUE, js("return window.__vendorLoaded;"));
    assertTrue(requests(webdit.url("/api/favicon.png")) >= 1, "the favicon came from the WebDiT server");
    assertEquals(0, requests(host.url("/api/")), "nothing asked of the host's own server");
  }

  @Test
  void aTagInsertedByATagManagerCanUseWebDiTInItsOnload() {
    driver = open(Browser.CHROMIUM, false);
    String loader = host.script("loader.js", "window.__images = 0; var s = document.createElement('script');"
        + "s.src = '" + webdit.url("/embed.js") + "'; s.setAttribute('data-steps', '2');"
        + "s.onload = function () { try { WebDiT.on('image', function () { window.__images++; }); window.__onload = 'ok'; }"
        + " catch (e) { window.__onload = 'threw ' + e; } };"
        + "document.head.appendChild(s);");
    driver.get(host.page("tagmanager", loader, ""));
    until("the onload handler", () -> js("return window.__onload;") != null);
    assertEquals("ok", js("return window.__onload;"));
    until("an image event", () -> count("window.__images") >= 1);
  }

  @Test
  void aZeroLoopWithoutWebGpuSendsABoundedNumberOfRequestsAndOnlyImagesBecomeTheIcon() throws Exception {
    driver = open(Browser.CHROMIUM, false);
    driver.get(host.page("zero", host.embedTag("data-loop=\"0s\" data-steps=\"60\" data-seed=\"1\""), ""));
    long start = System.nanoTime();
    until("a WebDiT icon", () -> icon().startsWith("data:image/png"));
    Thread.sleep(12_000);
    double seconds = (System.nanoTime() - start) / 1e9;
    // The embed fetches server favicons with fetch(), so resource timing sees each one with its status.
    @SuppressWarnings("unchecked")
    List<Object> statuses = (List<Object>) js("return performance.getEntriesByType('resource').filter(function (e) {"
        + " return e.name.indexOf('/api/favicon.png') >= 0; }).map(function (e) { return e.responseStatus; });");
    System.out.println("data-loop=0s without WebGPU: " + statuses.size() + " favicon requests in " + Math.round(seconds)
        + " s; statuses " + statuses);
    assertTrue(statuses.size() >= 1 && statuses.size() <= 1 + seconds / 5,
        statuses.size() + " requests in " + seconds + " s with a 5 s minimum loop");
    assertTrue(statuses.stream().allMatch(st -> ((Number) st).intValue() == 200), "every request one the server accepts: "
        + statuses);
    PageState.decodePng(icon());
  }

  @Test
  void generateRejectsBadInputWithAMessage() {
    driver = open(Browser.CHROMIUM, false);
    driver.manage().timeouts().scriptTimeout(WAIT);
    driver.get(host.page("api", host.embedTag(TINY), ""));
    for (String bad : new String[] {"{steps: 60}", "{seed: -3}", "{category: 'dragons'}", "{seed: 1.5}"}) {
      Object r = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
          + "WebDiT.generate(" + bad + ").then(function (u) { done('RESOLVED ' + String(u).substring(0, 30)); },"
          + " function (e) { done('REJECTED ' + (e && e.message ? e.message : e)); });");
      System.out.println("generate(" + bad + "): " + r);
      assertTrue(String.valueOf(r).startsWith("REJECTED ") && String.valueOf(r).length() > 20, bad + " -> " + r);
    }
    Object ok = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "WebDiT.generate({seed: 3, steps: 2}).then(done, function (e) { done('REJECTED ' + e); });");
    assertTrue(String.valueOf(ok).startsWith("data:image/png"), String.valueOf(ok));
  }

  @Test
  void stopBeforeTheFirstIconIsHonoured() throws Exception {
    driver = open(Browser.CHROMIUM, true);
    String capture = host.script("count-devices.js", "window.__devices = 0; var rd = GPUAdapter.prototype.requestDevice;"
        + "GPUAdapter.prototype.requestDevice = function (d) { window.__devices++; return rd.call(this, d); };");
    String stop = host.script("stop.js", "WebDiT.stop();");
    driver.get(host.page("stop", capture + host.embedTag(TINY + " data-gpu=\"any\" data-loop=\"5s\"") + stop, ""));
    Thread.sleep(8_000);
    assertTrue(icon().endsWith("/own.png"), "the host's icon stays: " + icon());
    assertEquals(0, requests("/weights/"), "no weight download after stop()");
    assertEquals(0, requests("/api/favicon.png"), "no server favicon after stop()");
    assertEquals(0, count("window.__devices"), "no GPU device after stop()");
  }

  @Test
  void prefersReducedMotionShowsOnlyFinishedIcons() {
    // A Chromium of its own: the emulated media would stay with a kept browser.
    org.openqa.selenium.chrome.ChromeDriver chromium = Browsers.chromium(true);
    driver = chromium;
    chromium.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    driver.get(host.page("calm", listened(host, TINY + " data-gpu=\"any\" data-loop=\"5s\""), ""));
    until("two images", () -> count("window.__images.length") >= 2);
    @SuppressWarnings("unchecked")
    List<String> frames = (List<String>) js("return window.__frames;");
    assertFalse(frames.isEmpty());
    assertTrue(frames.stream().allMatch(f -> f.equals("2/2")), "only finished icons: " + frames);
  }

  @Test
  void insideAnIframeItLeavesTheIconAloneUnlessAsked() throws Exception {
    driver = open(Browser.CHROMIUM, true);
    String framed = host.page("framed-inner", host.embedTag(TINY + " data-gpu=\"any\""), "");
    driver.get(host.page("framed", "", "<iframe src=\"" + framed + "\"></iframe>"));
    driver.switchTo().frame(0);
    until("the API", () -> Boolean.TRUE.equals(js("return typeof window.WebDiT === 'object';")));
    Thread.sleep(8_000);
    assertEquals(0, requests("/weights/"), "no weights downloaded in a frame");
    assertEquals(0, requests("/api/models"), "nothing fetched in a frame");
    assertTrue(icon().endsWith("/own.png"), icon());

    String asked = host.page("framed-asked", host.embedTag(TINY + " data-gpu=\"any\" data-iframe=\"run\""), "");
    driver.switchTo().defaultContent();
    driver.get(host.page("framed2", "", "<iframe src=\"" + asked + "\"></iframe>"));
    driver.switchTo().frame(0);
    until("an icon in the frame that asked for one", () -> icon().startsWith("data:image/png"));
  }

  @Test
  void usesServerFaviconsOnASoftwareAdapterOrWhenTheVisitorSavesData() {
    driver = open(Browser.CHROMIUM, true);
    driver.get(host.page("software", listened(host, TINY), ""));
    until("the fallback", () -> js("return window.__fallback;") != null);
    String reason = String.valueOf(js("return window.__fallback;"));
    assertTrue(reason.contains("software"), reason);
    until("a server favicon", () -> icon().startsWith("data:image/png"));
    assertEquals(0, requests("/weights/"), "no weights for a software adapter");

    String saveData = host.script("save-data.js",
        "Object.defineProperty(navigator, 'connection', {value: {saveData: true}, configurable: true});");
    driver.get(host.page("save-data", saveData + listened(host, TINY + " data-gpu=\"any\""), ""));
    until("the fallback", () -> js("return window.__fallback;") != null);
    assertTrue(String.valueOf(js("return window.__fallback;")).contains("save"), String.valueOf(js("return window.__fallback;")));
    assertEquals(0, requests("/weights/"), "no weights when the visitor saves data");
  }

  @Test
  void picksTheInt4FileByDefault() {
    driver = open(Browser.CHROMIUM, true);
    driver.get(host.page("int4", listened(host, TINY + " data-gpu=\"any\""), ""));
    until("an image", () -> count("window.__images.length") >= 1);
    assertEquals(null, js("return window.__fallback;"), "drawn on the GPU, not by the server");
    assertEquals(1, requests("-i4-"), "the int4 file");
    assertEquals(0, requests("-i8-") + requests("-f16-"), "no other weight file");
  }

  @Test
  void picksTheInt8FileWhenDataWeightsAsksForIt() {
    driver = open(Browser.CHROMIUM, true);
    driver.get(host.page("int8", listened(host, TINY + " data-gpu=\"any\" data-weights=\"i8\""), ""));
    until("an image", () -> count("window.__images.length") >= 1);
    assertEquals(null, js("return window.__fallback;"), "drawn on the GPU, not by the server");
    assertEquals(1, requests("-i8-"), "the int8 file");
    assertEquals(0, requests("-i4-") + requests("-f16-"), "no other weight file");
  }

  /**
   * Long main-thread tasks (a longtask PerformanceObserver) while the embed starts, downloads,
   * builds the engine and draws its first icon with the shipped model on the GPU (forced onto
   * SwiftShader), then while it draws two more: printed for the closing figures. The loop, once
   * started, must not block the page: no task of 50 ms or more between the first and the third
   * icon (a generation is one submit and one readback, then small PNG frames).
   */
  @Test
  void longTasksWhileStartingArePrintedAndTheRunningLoopHasNone() {
    driver = open(Browser.CHROMIUM, true);
    LiveServer shipped = new LiveServer();
    try {
      HostSite site = new HostSite(shipped.url("/"));
      try {
        String observer = site.script("longtasks.js", "window.__long = []; window.__longAt = [];"
            + "new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {"
            + " window.__long.push(Math.round(e.duration)); window.__longAt.push(Math.round(e.startTime)); });"
            + " }).observe({type: 'longtask', buffered: true});");
        driver.get(site.page("long", observer + listened(site, "data-steps=\"2\" data-gpu=\"any\" data-loop=\"5s\""), ""));
        until("the first image", () -> count("window.__images.length") >= 1);
        @SuppressWarnings("unchecked")
        List<Long> starting = (List<Long>) js("return window.__long.slice();");
        long max = starting.stream().mapToLong(Long::longValue).max().orElse(0);
        long blocking = starting.stream().mapToLong(t -> Math.max(0, t - 50)).sum();
        System.out.println("long tasks until the first image (shipped model, forced WebGPU): " + starting.size()
            + " tasks " + starting + ", longest " + max + " ms, total blocking " + blocking + " ms");
        // Where they fall: their start times against the end of the weight download and the first image.
        System.out.println("  started at (ms after navigation) " + js("return window.__longAt.slice(0, "
            + starting.size() + ");") + "; weights downloaded at " + js("return Math.round(performance"
            + ".getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/weights/') >= 0; })"
            + ".map(function (e) { return e.responseEnd; })[0]);") + ", first image at about "
            + js("return Math.round(performance.now());"));
        until("two more images", () -> count("window.__images.length") >= 3);
        @SuppressWarnings("unchecked")
        List<Long> all = (List<Long>) js("return window.__long.slice();");
        List<Long> running = all.subList(starting.size(), all.size());
        System.out.println("long tasks while the loop ran (2 more images): " + running);
        assertEquals(List.of(), running, "main-thread tasks of 50 ms or more while the loop runs");
      } finally {
        site.close();
      }
    } finally {
      shipped.close();
    }
  }

  /**
   * The first-step rule (FaviconRuntime.SLOW_MS_PER_STEP): an adapter that takes longer than that per
   * step is left to the server. data-gpu="software" lets the embed start on SwiftShader without
   * switching the rule off (data-gpu="any" does), and SwiftShader with the shipped model is far
   * slower than the threshold, so the real rule, at its production value, has to fire: the GPU
   * path starts ("ready"), then a fallback names the time per step, then the server draws.
   */
  @Test
  void aFirstGenerationSlowerThanTheThresholdPerStepHandsTheIconsToTheServer() throws Exception {
    driver = open(Browser.CHROMIUM, true);
    LiveServer shipped = new LiveServer();
    try {
      HostSite site = new HostSite(shipped.url("/"));
      try {
        String ready = site.script("ready.js", "window.__ready = 0; WebDiT.on('ready', function () { window.__ready++; });");
        driver.get(site.page("slow", listened(site, "data-steps=\"2\" data-gpu=\"software\" data-loop=\"5s\"") + ready,
            ""));
        until("the fallback", () -> js("return window.__fallback;") != null);
        String reason = String.valueOf(js("return window.__fallback;"));
        System.out.println("software adapter under the first-step rule: fallback \"" + reason + "\"");
        assertEquals(1L, count("window.__ready"), "the GPU path started (the software adapter was accepted)");
        assertTrue(reason.contains("ms per step"), "the reason names the slowness: " + reason);
        until("a favicon from the server", () -> requests("/api/favicon.png") >= 1 && Boolean.TRUE.equals(
            js("return window.__serverImage === true;")));
        PageState.decodePng(icon());
      } finally {
        site.close();
      }
    } finally {
      shipped.close();
    }
  }

  /**
   * stop() while the weights download: a WebDiT server that sends the tiny model's weights 1 KiB
   * every 100 ms, and a host that calls WebDiT.stop() at the first progress event. The download
   * must be aborted (the server's writes fail long before the file is through), and nothing may
   * follow: no "ready", no image, the host's own icon back.
   */
  @Test
  void stopDuringTheWeightDownloadAbortsIt() throws Exception {
    java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong fileBytes = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> ending = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    io.javalin.Javalin slow = standIn(c -> {
      c.routes.get("/weights/{file}", ctx -> {
        byte[] file = real("/weights/" + ctx.pathParam("file"));
        fileBytes.set(file.length);
        ctx.header("Access-Control-Allow-Origin", "*").contentType("application/octet-stream");
        ctx.res().setContentLength(file.length);
        try {
          java.io.OutputStream out = ctx.res().getOutputStream();
          for (int at = 0; at < file.length; at += 1024) {
            int n = Math.min(1024, file.length - at);
            out.write(file, at, n);
            out.flush();
            served.addAndGet(n);
            Thread.sleep(100);
          }
          ending.set("sent the whole file");
        } catch (java.io.IOException e) {
          ending.set("the client went away (" + e + ")");
        } finally {
          ended.countDown();
        }
      });
    });
    try {
      HostSite site = new HostSite("http://localhost:" + slow.port() + "/");
      try {
        String stopOnProgress = site.script("stop-on-progress.js", "window.__progress = 0; window.__ready = 0;"
            + "WebDiT.on('progress', function (d) { if (window.__progress++ === 0) { WebDiT.stop(); } });"
            + "WebDiT.on('ready', function () { window.__ready++; });");
        driver = open(Browser.CHROMIUM, true);
        driver.get(site.page("stop-download", listened(site, TINY + " data-gpu=\"any\"") + stopOnProgress, ""));
        until("the first progress event", () -> count("window.__progress") >= 1);
        // Unaborted, the tiny file takes 5 s or more at this pace; both ways the handler ends.
        assertTrue(ended.await(60, java.util.concurrent.TimeUnit.SECONDS), "the weight request never ended");
        System.out.println("stop() at the first progress event: the server sent " + served.get() + " of "
            + fileBytes.get() + " bytes, then " + ending.get());
        assertTrue(ending.get().startsWith("the client went away"), "the download was not aborted: " + ending.get());
        assertTrue(served.get() < fileBytes.get(), served.get() + " of " + fileBytes.get() + " bytes sent");
        Thread.sleep(3_000); // time for anything that still would follow
        assertEquals(0L, count("window.__ready"), "no GPU engine after stop()");
        assertEquals(0L, count("window.__images.length"), "no image after stop()");
        assertTrue(icon().endsWith("/own.png"), "the host's icon is back: " + icon());
      } finally {
        site.close();
      }
    } finally {
      slow.stop();
    }
  }

  /**
   * A WebDiT server that is overloaded, then broken: its first favicon answer is a 429 asking
   * for 7 s, the next an HTML error page with status 500, then PNGs. Only the PNG may become the
   * icon, and nothing may be asked before the 429's Retry-After has passed.
   */
  @Test
  void backsOffAsRetryAfterSaysAndNeverShowsAnErrorResponse() throws Exception {
    List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.javalin.Javalin flaky = standIn(c -> {
      c.routes.get("/api/favicon.png", ctx -> {
        asked.add(System.nanoTime());
        ctx.header("Access-Control-Allow-Origin", "*").header("Access-Control-Expose-Headers", "Retry-After");
        if (asked.size() == 1) {
          ctx.status(429).header("Retry-After", "7").contentType("application/json").result("{\"status\":429}");
        } else if (asked.size() == 2) {
          ctx.status(500).contentType("text/html").result("<h1>oops</h1>");
        } else {
          ctx.contentType("image/png").result(real("/api/favicon.png?" + ctx.queryString()));
        }
      });
    });
    try {
      HostSite site = new HostSite("http://localhost:" + flaky.port() + "/");
      try {
        driver = open(Browser.CHROMIUM, false);
        driver.get(site.page("flaky", site.embedTag("data-loop=\"5s\" data-steps=\"1\""), ""));
        until("a PNG icon after a 429 and a 500", () -> asked.size() >= 3 && icon().startsWith("data:image/png"));
        double gap = (asked.get(1) - asked.get(0)) / 1e9;
        System.out.println("after a 429 with Retry-After: 7 the next request came " + Math.round(gap * 10) / 10.0
            + " s later");
        assertTrue(gap >= 6.9, "the next request came " + gap + " s after a 429 asking for 7 s");
        PageState.decodePng(icon());
      } finally {
        site.close();
      }
    } finally {
      flaky.stop();
    }
  }

  /**
   * A stand-in WebDiT server on a free port: the real server's embed.js and model list, plus the
   * routes given (a slow weight download, a flaky favicon endpoint), which may use {@link #real}.
   */
  private static io.javalin.Javalin standIn(java.util.function.Consumer<io.javalin.config.JavalinConfig> routes) {
    return io.javalin.Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      c.routes.get("/embed.js", ctx -> ctx.contentType("text/javascript").result(real("/embed.js")));
      c.routes.get("/api/models", ctx -> ctx.header("Access-Control-Allow-Origin", "*").contentType("application/json")
          .result(real("/api/models")));
      routes.accept(c);
    }).start(0);
  }

  /** The real WebDiT server's answer to path, as bytes. */
  private static byte[] real(String path) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(webdit.url(path))).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
