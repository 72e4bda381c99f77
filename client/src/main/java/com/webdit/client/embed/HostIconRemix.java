package com.webdit.client.embed;

import static com.webdit.client.embed.EmbedEvents.detail;

import com.webdit.client.runtime.IconImage;
import com.webdit.shared.sampling.Pixels;
import com.webdit.shared.sampling.StartNoise;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/**
 * data-remix: each favicon starts from the page's own icon, noised to the tag's strength, on the
 * GPU or on the server (which gets the icon's RGBA8 in the favicon query). The icon
 * is read once; if it cannot be (another origin without CORS, an SVG without size, no icon at
 * all), the tag draws plain favicons from then on, after a console warning and a fallback event.
 */
final class HostIconRemix {
  private final HostFavicon favicon;
  private final EmbedEvents events;
  private Promise<int[]> icon;

  HostIconRemix(HostFavicon favicon, EmbedEvents events) {
    this.favicon = favicon;
    this.events = events;
  }

  /**
   * The page's icon as RGBA8 at size x size for this tag (what a server remix sends); null for
   * plain generation: remix off, at strength 1, or given up because the icon cannot be read.
   */
  Promise<int[]> icon(Tag tag, int size) {
    if (tag.remix() <= 0) {
      return Promise.resolve((int[]) null);
    }
    if (icon == null) {
      icon = IconImage.rgbaFromUrl(favicon.originalHref(), size);
    }
    return icon.then(rgba -> Promise.resolve(rgba), error -> {
      if (tag.remix() > 0) {
        tag.giveUpRemix();
        String why = error instanceof Throwable t ? t.getMessage() : String.valueOf(error);
        DomGlobal.console.warn("WebDiT: data-remix: " + why + "; drawing new favicons instead");
        events.emit("fallback", detail("reason", "remix: " + why, "remix", true));
      }
      return Promise.resolve((int[]) null);
    });
  }

  /** The GPU path's start for this tag's favicon with this seed at the model's image size; null: plain generation. */
  Promise<float[]> start(Tag tag, int seed, int size) {
    double strength = tag.remix();
    return icon(tag, size).then(rgba -> Promise.resolve(rgba == null ? null
        : StartNoise.remix(seed, Pixels.fromRgba8(rgba, size), strength)));
  }
}
