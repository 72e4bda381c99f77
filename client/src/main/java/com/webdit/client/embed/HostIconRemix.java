package com.webdit.client.embed;

import static com.webdit.client.embed.EmbedEvents.detail;

import com.webdit.client.runtime.IconImage;
import com.webdit.shared.sampling.StartNoise;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/**
 * data-remix: each favicon starts from the page's own icon, noised to the tag's strength. The icon
 * is read once; if it cannot be (another origin without CORS, an SVG without size, no icon at
 * all), the tag draws plain favicons from then on, after a console warning and a fallback event.
 */
final class HostIconRemix {
  private final HostFavicon favicon;
  private final EmbedEvents events;
  private Promise<float[]> icon;

  HostIconRemix(HostFavicon favicon, EmbedEvents events) {
    this.favicon = favicon;
    this.events = events;
  }

  /** The start of this tag's favicon with this seed at the model's image size; null: plain generation. */
  Promise<float[]> start(Tag tag, int seed, int size) {
    double strength = tag.remix();
    if (strength <= 0) {
      return Promise.resolve((float[]) null);
    }
    if (icon == null) {
      icon = IconImage.fromUrl(favicon.originalHref(), size);
    }
    return icon.then(image -> Promise.resolve(StartNoise.remix(seed, image, strength)), error -> {
      if (tag.remix() > 0) {
        tag.giveUpRemix();
        String why = error instanceof Throwable t ? t.getMessage() : String.valueOf(error);
        DomGlobal.console.warn("WebDiT: data-remix: " + why + "; drawing new favicons instead");
        events.emit("fallback", detail("reason", "remix: " + why, "remix", true));
      }
      return Promise.resolve((float[]) null);
    });
  }
}
