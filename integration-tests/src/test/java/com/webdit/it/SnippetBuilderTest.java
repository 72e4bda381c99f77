package com.webdit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A visitor who lands on / puts the favicon on their own site without the README: picks a
 * category, steps and loop in the snippet builder, copies the tag with its button, pastes it into
 * a blank page of another origin, and that page's favicon becomes a WebDiT one. Without WebGPU (the
 * server draws for the page and for the pasted tag), so it runs quickly in every browser session.
 */
class SnippetBuilderTest {
  static final Duration WAIT = Duration.ofSeconds(120);
  static BrowserSession session;
  static HostSite host;
  static RemoteWebDriver driver;

  @BeforeAll
  static void start() {
    session = BrowserSession.start(Browser.CHROMIUM, false, LiveServer.TEST_WEIGHTS);
    host = new HostSite(session.server.url("/"));
    driver = session.driver;
  }

  @AfterAll
  static void stop() {
    host.close();
    session.close();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static String snippet() {
    return PageState.text(driver, "#snippet");
  }

  @Test
  void theCopiedTagPastedIntoAnotherSitesPageDrawsItsFavicon() throws Exception {
    driver.get(session.server.url("/"));
    assertEquals("server:no-webgpu", PageState.awaitFinished(driver), PageState.text(driver, "#status"));
    assertEquals("false", String.valueOf(js("return document.getElementById('advanced').open")),
        "a visitor on / sees the product first; the engine's controls wait under Advanced");
    String first = snippet();
    assertTrue(first.startsWith("<script async src=\"" + session.server.url("/embed.js") + "\""), first);

    // Picked the way a visitor picks: the menu, the keyboard; the tag changes with each.
    new Select(driver.findElement(By.id("category"))).selectByValue("animals");
    new WebDriverWait(driver, WAIT).until(d -> snippet().contains("data-category=\"animals\""));
    retype(driver.findElement(By.id("steps")), "2");
    retype(driver.findElement(By.id("snippet-loop")), "6");
    String tag = snippet();
    assertEquals("<script async src=\"" + session.server.url("/embed.js") + "\" data-category=\"animals\" "
        + "data-steps=\"2\" data-loop=\"6s\"></script>", tag);
    assertEquals("", PageState.text(driver, "#snippet-notes"), "no warnings for values the embed accepts");
    // The preview follows the tag: the next favicon the page draws is an animal in 2 steps.
    new WebDriverWait(driver, WAIT).until(d -> PageState.text(d, "#step").equals("step 2/2"));

    ((ChromeDriver) driver).executeCdpCommand("Browser.grantPermissions", java.util.Map.of("origin",
        session.server.url(""), "permissions", java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    driver.findElement(By.id("copy")).click();
    new WebDriverWait(driver, WAIT).until(d -> tag.equals(PageState.attr(d, "body", "data-copied")));
    assertEquals("Copied", PageState.text(driver, "#copy"));

    // Another origin: a blank editor page, where the system clipboard is pasted with the keyboard.
    driver.get(host.page("editor", "", "<textarea id=\"html\" aria-label=\"your page's head\"></textarea>"));
    WebElement editor = driver.findElement(By.id("html"));
    editor.click();
    editor.sendKeys(Keys.chord(Keys.CONTROL, "v"));
    String pasted = String.valueOf(js("return document.getElementById('html').value"));
    assertEquals(tag, pasted, "the clipboard holds exactly the tag shown");

    // The site's owner puts it in their page (served with the host's strict CSP) and loads it.
    driver.get(host.page("mine", pasted, "<h1>My site</h1>"));
    assertTrue(PageState.faviconHref(driver).endsWith("/own.png"), PageState.faviconHref(driver));
    new WebDriverWait(driver, WAIT).until(d -> PageState.faviconHref(d).startsWith("data:image/png"));
    BufferedImage icon = PageState.decodePng(PageState.faviconHref(driver));
    assertEquals(32, icon.getWidth());
    assertEquals(32, icon.getHeight());
  }

  /** Replaces an input's text as a person does: select all, type, leave the field. */
  private static void retype(WebElement input, String text) {
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
  }
}
