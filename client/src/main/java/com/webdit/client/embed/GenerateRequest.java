package com.webdit.client.embed;

import com.webdit.client.IconImage;
import com.webdit.shared.product.Limits;
import elemental2.dom.DomGlobal;
import elemental2.dom.ImageData;
import elemental2.promise.Promise;
import java.util.function.LongSupplier;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * The options of {@code WebDiT.generate({seed, category, steps, remix, strength})}, checked
 * against the shared Limits before anything starts; what is not given comes from the first tag.
 * A host page may pass anything: a wrong type is refused like a value out of range.
 */
final class GenerateRequest {
  final long seed;
  final int steps;
  final String category;
  /** An image URL (string) or an ImageData; null for plain generation. */
  final Object remix;
  final double strength;

  private GenerateRequest(long seed, int steps, String category, Object remix, double strength) {
    this.seed = seed;
    this.steps = steps;
    this.category = category;
    this.remix = remix;
    this.strength = strength;
  }

  /**
   * @param nextSeed the tag's next seed, taken only when the options name none
   * @throws IllegalArgumentException naming the first bad option
   */
  static GenerateRequest of(Object options, EmbedConfig base, LongSupplier nextSeed) {
    JsPropertyMap<Object> o = options == null ? JsPropertyMap.of() : Js.asPropertyMap(options);
    long seed;
    if (o.has("seed")) {
      double s = number(o.get("seed"));
      refuse(Limits.checkSeed(s));
      seed = (long) s;
    } else {
      seed = nextSeed.getAsLong();
    }
    int steps = base.steps;
    if (o.has("steps")) {
      double s = number(o.get("steps"));
      refuse(Limits.checkSteps(s));
      steps = (int) s;
    }
    Object remix = o.has("remix") ? o.get("remix") : null;
    double strength = Limits.DEFAULT_REMIX_STRENGTH;
    if (o.has("strength")) {
      strength = number(o.get("strength"));
      refuse(Limits.checkStrength(strength));
    }
    if (remix != null && !"string".equals(Js.typeof(remix)) && !(remix instanceof ImageData)) {
      // ImageData is a native type: instanceof is a JS instanceof against the page's ImageData.
      refuse("remix must be an image URL or an ImageData");
    }
    String category = o.has("category") ? String.valueOf(o.get("category")) : base.category;
    return new GenerateRequest(seed, steps, category, remix, strength);
  }

  /** The remix image at the model's size (a URL relative to the page is loaded); null for none. */
  Promise<float[]> remixImage(int size) {
    if (remix == null) {
      return Promise.resolve((float[]) null);
    }
    if ("string".equals(Js.typeof(remix))) {
      return IconImage.fromUrl(new elemental2.dom.URL(Js.<String>uncheckedCast(remix), DomGlobal.location.href).href,
          size);
    }
    return Promise.resolve(IconImage.fromImageData(Js.uncheckedCast(remix), size));
  }

  private static void refuse(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A JS number as it is; anything else is NaN, which every check refuses. */
  private static double number(Object value) {
    return "number".equals(Js.typeof(value)) ? Js.asDouble(value) : Double.NaN;
  }
}
