package com.webdit.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * The one place that builds Chromium for the tests: Debian's chromium and chromedriver, named
 * explicitly so Selenium Manager never downloads anything, and the flags headless WebGPU needs.
 */
public final class Browsers {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browsers() {}

  /** Headless Chromium; with webgpu, SwiftShader provides an adapter through --enable-unsafe-webgpu. */
  public static ChromeDriver chromium(boolean webgpu) {
    return chromium(webgpu, null, null, false, "", null);
  }

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
}
