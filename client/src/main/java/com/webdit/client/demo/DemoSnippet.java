package com.webdit.client.demo;

import com.webdit.client.embed.EmbedConfig;
import com.webdit.client.net.ServerBase;
import com.webdit.shared.product.Limits;
import elemental2.dom.DomGlobal;
import elemental2.dom.Element;
import elemental2.dom.HTMLButtonElement;
import elemental2.dom.HTMLInputElement;
import elemental2.dom.HTMLOptionElement;
import elemental2.dom.HTMLSelectElement;
import elemental2.promise.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jsinterop.base.Js;

/**
 * "Put it on your site": the visitor picks category, steps, loop, weights, morph and remix; the
 * embed's own reading of a tag ({@link EmbedConfig}) turns the picks into settings, and those
 * settings write the tag shown, so the tag says exactly what the embed will do with it. Category
 * and steps are the page's own controls: the favicon above is drawn with them.
 */
final class DemoSnippet {
  private final DemoPage page;
  private final HTMLInputElement loop = Js.uncheckedCast(DemoPage.byId("snippet-loop"));
  private final HTMLSelectElement weights = Js.uncheckedCast(DemoPage.byId("snippet-weights"));
  private final HTMLInputElement morph = Js.uncheckedCast(DemoPage.byId("snippet-morph"));
  private final HTMLInputElement remix = Js.uncheckedCast(DemoPage.byId("snippet-remix"));
  private final HTMLInputElement strength = Js.uncheckedCast(DemoPage.byId("snippet-strength"));
  private final Element code = DemoPage.byId("snippet");
  private final Element notes = DemoPage.byId("snippet-notes");
  private final HTMLButtonElement copy = Js.uncheckedCast(DemoPage.byId("copy"));

  /**
   * @param loaded the weight file the page loads (the tag starts with it, so the preview is the tag's)
   * @param changed runs after every pick, with the settings now in the tag (the preview follows them)
   */
  DemoSnippet(DemoPage page, String loaded, Consumer<EmbedConfig> changed) {
    this.page = page;
    loop.min = Limits.format(Limits.MIN_LOOP_MS / 1000);
    loop.value = Limits.format(Limits.DEFAULT_LOOP_MS / 1000);
    strength.min = Limits.format(Limits.MIN_REMIX_STRENGTH);
    strength.max = "1";
    strength.step = "0.05";
    strength.value = Limits.format(Limits.DEFAULT_REMIX_STRENGTH);
    for (String w : EmbedConfig.WEIGHTS) {
      HTMLOptionElement o = Js.uncheckedCast(DomGlobal.document.createElement("option"));
      o.value = w;
      o.textContent = w;
      weights.appendChild(o);
    }
    weights.value = loaded;
    for (Element control : new Element[] {page.category, page.steps, loop, weights, morph, remix, strength}) {
      control.addEventListener("input", e -> changed.accept(update()));
      control.addEventListener("change", e -> changed.accept(update()));
    }
    copy.addEventListener("click", e -> copy()); // the tag is written once the model's categories are known
  }

  /** The page's Morph button was pressed: the tag follows. */
  void showMorph(boolean on) {
    morph.checked = on;
    update();
  }

  /** Reads the picks as a tag's attributes and writes the tag; returns the settings. */
  EmbedConfig update() {
    strength.disabled = !remix.checked;
    Map<String, String> a = new HashMap<>();
    a.put("data-category", page.category.value);
    a.put("data-steps", page.steps.value.trim());
    a.put("data-loop", loop.value.trim() + "s");
    a.put("data-weights", weights.value);
    if (morph.checked) {
      a.put("data-mode", "morph");
    }
    if (remix.checked) {
      a.put("data-remix", strength.value.trim());
    }
    EmbedConfig config = EmbedConfig.of(a::get);
    code.textContent = config.scriptTag(ServerBase.url("embed.js"));
    notes.textContent = String.join("; ", config.warnings);
    return config;
  }

  /**
   * The clipboard API where the page may use it (a secure context: https or localhost); else the
   * tag is selected for the visitor's own Ctrl+C.
   */
  private void copy() {
    String tag = code.textContent;
    if (Js.asPropertyMap(DomGlobal.navigator).get("clipboard") == null) {
      select();
      return;
    }
    DomGlobal.navigator.clipboard.writeText(tag).then(ok -> {
      copied(tag);
      return Promise.resolve((Object) null);
    }, error -> {
      select();
      return Promise.resolve((Object) null);
    });
  }

  private void select() {
    DomGlobal.document.getSelection().selectAllChildren(code);
    copy.textContent = "Press Ctrl+C";
  }

  /** Says so on the button for 2 s; the page's data-copied holds what went to the clipboard. */
  private void copied(String tag) {
    copy.textContent = "Copied";
    DomGlobal.document.body.setAttribute("data-copied", tag);
    DomGlobal.setTimeout(ignored -> copy.textContent = "Copy", 2000);
  }
}
