package com.webdit.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.ImmutableCapabilities;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * The one place that builds the tests' browsers: Debian's chromium and chromedriver, named
 * explicitly so Selenium Manager never downloads anything, and the flags headless WebGPU needs;
 * Debian's firefox-esr, driven through its own Marionette server (no geckodriver), with the prefs
 * that give headless Firefox WebGPU on Mesa's lavapipe.
 */
public final class Browsers {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  public static final String FIREFOX = "/usr/bin/firefox-esr";

  private Browsers() {}

  /**
   * The tests' headless Chromium; with webgpu, SwiftShader provides an adapter through
   * --enable-unsafe-webgpu, and {@link #TESTS_DAWN_TOGGLES} apply.
   */
  public static ChromeDriver chromium(boolean webgpu) {
    return chromium(webgpu, null, null, false, webgpu ? TESTS_DAWN_TOGGLES : "", null);
  }

  /**
   * The tests' Chromium leaves workgroup memory unfilled. WGSL promises zeroed workgroup memory
   * and Dawn keeps the promise by prepending a fill to each shader, which SwiftShader takes ~0.7 s
   * of CPU to compile into every matmul variant: ~4 s of each WebGPU page load, most of what the
   * browser tests spent (the demo page on the tiny model: 5.4 s to 1.5 s per load; the timing
   * of each createComputePipelineAsync in the console). Our kernels write workgroup memory before
   * a barrier and read it only after, so the results are the same; a kernel that read it
   * unwritten would now read garbage and fail its parity test, the stricter check. Firefox keeps
   * the fill, so both ways stay tested; the benchmark never sets this (it measures what visitors get).
   */
  static final String TESTS_DAWN_TOGGLES = "--enable-dawn-features=disable_workgroup_init";

  /**
   * The benchmark's browser: another Chrome/Chromium binary and driver (null: Debian's), a visible
   * window (a desktop's real GPU), extra flags ("--use-angle=vulkan ...", space-separated), and
   * how long one driver command may take (null: Selenium's default, 3 minutes; a benchmark round
   * on SwiftShader takes longer).
   */
  public static ChromeDriver chromium(boolean webgpu, String binary, String driver, boolean headed, String extraFlags,
      Duration commandTimeout) {
    String chromium = binary == null ? CHROMIUM : binary;
    String chromedriver = driver == null ? CHROMEDRIVER : driver;
    for (String f : new String[] {chromium, chromedriver}) {
      if (!new File(f).canExecute()) {
        throw new IllegalStateException(f + " is missing: apt-get install -y chromium chromium-driver (.ci/run does)");
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("webdit-chromium-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    if (!headed) {
      options.addArguments("--headless=new");
    }
    options.addArguments("--no-sandbox", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1000,800", "--user-data-dir=" + profile);
    if (webgpu) {
      options.addArguments("--enable-unsafe-webgpu");
    }
    for (String flag : extraFlags.trim().split("\\s+")) {
      if (!flag.isEmpty()) {
        options.addArguments(flag);
      }
    }
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver))
        .usingAnyFreePort()
        .build();
    return commandTimeout == null ? new ChromeDriver(service, options)
        : new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(commandTimeout));
  }

  /**
   * Headless Firefox; with webgpu, WebGPU (wgpu on Vulkan: Mesa's lavapipe here) is switched on and
   * allowed on an adapter Firefox's blocklist refuses, else navigator.gpu does not exist. The other
   * prefs keep it from going on the network by itself (updates, telemetry, remote settings).
   */
  public static RemoteWebDriver firefox(boolean webgpu) {
    if (!new File(FIREFOX).canExecute()) {
      throw new IllegalStateException(FIREFOX + " is missing: apt-get install -y firefox-esr mesa-vulkan-drivers"
          + " (./run-tests does)");
    }
    Map<String, Object> prefs = new LinkedHashMap<>();
    prefs.put("dom.webgpu.enabled", webgpu);
    prefs.put("gfx.webgpu.ignore-blocklist", webgpu);
    prefs.put("marionette.port", 0); // a free port, written to the profile's MarionetteActivePort
    prefs.put("app.update.disabledForTesting", true);
    prefs.put("app.normandy.enabled", false);
    prefs.put("browser.shell.checkDefaultBrowser", false);
    prefs.put("browser.startup.page", 0);
    prefs.put("browser.newtabpage.enabled", false);
    prefs.put("browser.safebrowsing.malware.enabled", false);
    prefs.put("browser.safebrowsing.phishing.enabled", false);
    prefs.put("browser.safebrowsing.downloads.enabled", false);
    prefs.put("browser.search.update", false);
    prefs.put("browser.region.network.url", "");
    prefs.put("datareporting.policy.dataSubmissionEnabled", false);
    prefs.put("datareporting.healthreport.uploadEnabled", false);
    prefs.put("toolkit.telemetry.enabled", false);
    prefs.put("extensions.update.enabled", false);
    prefs.put("network.captive-portal-service.enabled", false);
    prefs.put("network.connectivity-service.enabled", false);
    prefs.put("services.settings.server", "data:,#remote-settings-dummy/v1");
    Marionette marionette = new Marionette(FIREFOX, prefs, List.of("--window-size=1000,800"));
    try {
      return new RemoteWebDriver(marionette, new ImmutableCapabilities("browserName", "firefox"));
    } catch (RuntimeException e) {
      marionette.quit(); // RemoteWebDriver sends no quit for a session it never got
      throw e;
    }
  }
}
