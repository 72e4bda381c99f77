package com.webdit.client.embed;

import com.webdit.client.runtime.IconImage;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.dom.DomGlobal;
import elemental2.dom.ImageData;
import elemental2.promise.Promise;
import java.util.function.LongSupplier;
import jsinterop.base.Js;
import jsinterop.base.JsPropertyMap;

/**
 * The options of {@code WebDiT.generate({seed, category, steps, remix, strength})}, read by the one
 * favicon query rule before anything starts; what is not given comes from the first tag. A host
 * page may pass anything: a wrong type is refused like a value out of range.
 */
final class GenerateRequest {
  /** The favicon asked for; its category is checked against the model later. */
  final FaviconQuery query;
  /** An image URL (string) or an ImageData; null for plain generation. */
  final Object remix;
  final double strength;

  private GenerateRequest(FaviconQuery query, Object remix, double strength) {
    this.query = query;
    this.remix = remix;
    this.strength = strength;
  }

  /**
   * @param base the first tag's query (category, steps, sampler and cfg when the options name none)
   * @param nextSeed the tag's next seed, taken only when the options name none
   * @throws IllegalArgumentException naming the first bad option
   */
  static GenerateRequest of(Object options, FaviconQuery base, LongSupplier nextSeed) {
    JsPropertyMap<Object> o = options == null ? JsPropertyMap.of() : Js.asPropertyMap(options);
    FaviconQuery q = base;
    for (FaviconQuery.Field f : new FaviconQuery.Field[] {FaviconQuery.Field.SEED, FaviconQuery.Field.STEPS}) {
      if (o.has(f.key)) {
        q = q.with(f, Limits.format(number(o.get(f.key))));
      }
    }
    if (!o.has(FaviconQuery.Field.SEED.key)) {
      q = q.withSeed(nextSeed.getAsLong());
    }
    if (o.has(FaviconQuery.Field.CATEGORY.key)) {
      q = q.withCategory(String.valueOf(o.get(FaviconQuery.Field.CATEGORY.key)));
    }
    Object remix = o.has("remix") ? o.get("remix") : null;
    double strength = Limits.DEFAULT_REMIX_STRENGTH;
    if (o.has("strength")) {
      strength = number(o.get("strength"));
      String problem = Limits.checkStrength(strength);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    if (remix != null && !"string".equals(Js.typeof(remix)) && !(remix instanceof ImageData)) {
      // ImageData is a native type: instanceof is a JS instanceof against the page's ImageData.
      throw new IllegalArgumentException("remix must be an image URL or an ImageData");
    }
    return new GenerateRequest(q, remix, strength);
  }

  /**
   * The remix image as RGBA8 at size x size (a URL relative to the page is loaded); null for none
   * or at strength 1, which ignores the image (plain generation, bit for bit).
   */
  Promise<int[]> remixRgba(int size) {
    if (remix == null || strength == 1.0) {
      return Promise.resolve((int[]) null);
    }
    if ("string".equals(Js.typeof(remix))) {
      return IconImage.rgbaFromUrl(new elemental2.dom.URL(Js.<String>uncheckedCast(remix), DomGlobal.location.href)
          .href, size);
    }
    return Promise.resolve(IconImage.rgbaFromImageData(Js.uncheckedCast(remix), size));
  }

  /** A JS number as it is; anything else is NaN, which every check refuses. */
  private static double number(Object value) {
    return "number".equals(Js.typeof(value)) ? Js.asDouble(value) : Double.NaN;
  }
}
