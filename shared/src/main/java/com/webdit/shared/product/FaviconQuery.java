package com.webdit.shared.product;

import com.webdit.shared.icon.Base64Url;
import com.webdit.shared.sampling.SampleRequest;
import com.webdit.shared.sampling.SamplerKind;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What one favicon is: seed, category, steps, sampler and guidance scale, with one rule for
 * reading and one spelling for writing. The server's /api/favicon.png, the demo page's URL and
 * controls, the embed's data-attributes and {@code WebDiT.generate()} all read their values
 * here, so what one accepts the others accept and a missing value means the same everywhere.
 *
 * <p>A remix (variations of a site's own icon) adds its start image, {@link #REMIX_BYTES} of
 * RGBA8 as base64url, and the strength to redraw it with.
 *
 * <p>The rule: values are printable ASCII of at most 32 characters (the remix: its exact size), with no
 * surrounding space (one spelling per value, so one image is one cache entry); a value not given
 * is the default ("" too, for the fields a form sends blank: {@link Field#emptyIsDefault}); numbers are ASCII
 * decimals (no sign, no hex, no NaN); category and sampler names match in any case, and a
 * category may also be its label index. The category stays text until {@link #label} resolves it
 * against a model's names, because the embed reads its tag before it knows the model.
 *
 * <p>Plain string code rather than java.util.regex: GWT compiles this class for the browser.
 */
public final class FaviconQuery {
  /** The query's parameters, in the order {@link #toQuery} writes them. */
  public enum Field {
    SEED("seed", true), CATEGORY("category", true), STEPS("steps", true), SAMPLER("sampler", false),
    CFG("cfg", false), STRENGTH("strength", false), REMIX("remix", false, Base64Url.encodedLength(REMIX_BYTES));

    public final String key;
    /** The longest value this parameter may have: enough for every valid one. */
    public final int maxLength;
    /**
     * Whether "" means "not given": true for the fields people type into a form, which sends ""
     * for a blank box; the sampler and cfg come from a menu and a number only, so "" there is a
     * mistake worth a message.
     */
    final boolean emptyIsDefault;

    Field(String key, boolean emptyIsDefault) {
      this(key, emptyIsDefault, 32);
    }

    Field(String key, boolean emptyIsDefault, int maxLength) {
      this.key = key;
      this.emptyIsDefault = emptyIsDefault;
      this.maxLength = maxLength;
    }
  }

  /** The fields every favicon has; a remix adds {@link Field#STRENGTH} and {@link Field#REMIX}. */
  public static final List<Field> PLAIN_FIELDS = List.of(Field.SEED, Field.CATEGORY, Field.STEPS, Field.SAMPLER,
      Field.CFG);

  /**
   * A remix's start: the icon as the model sees it, {@link Limits#ICON_SIZE} squared RGBA8 pixels,
   * row by row (what the page computes from the site's icon; no image format to decode).
   */
  public static final int REMIX_BYTES = Limits.ICON_SIZE * Limits.ICON_SIZE * 4;

  /** The query with nothing named: every field at the product's default. */
  public static final FaviconQuery DEFAULT = new FaviconQuery(Limits.DEFAULT_SEED, Categories.ANY,
      Limits.DEFAULT_STEPS, Limits.DEFAULT_SAMPLER, Limits.DEFAULT_CFG, Limits.DEFAULT_REMIX_STRENGTH, null);

  /** A value that cannot be used, naming its parameter so an answer can say exactly what to fix. */
  public static final class BadParameter extends IllegalArgumentException {
    public final Field field;

    public BadParameter(Field field, String message) {
      super(message);
      this.field = field;
    }
  }

  public final long seed;
  /** A category name or index as given (any case), or "any"; {@link #label} resolves it. */
  public final String category;
  public final int steps;
  public final SamplerKind sampler;
  public final double cfg;
  /** How far a remix redraws its start (the noise level it starts from); only meaningful with one. */
  public final double strength;
  private final byte[] remix; // null: plain generation

  private FaviconQuery(long seed, String category, int steps, SamplerKind sampler, double cfg, double strength,
      byte[] remix) {
    this.seed = seed;
    this.category = category;
    this.steps = steps;
    this.sampler = sampler;
    this.cfg = cfg;
    this.strength = strength;
    this.remix = remix;
  }

  /**
   * Reads every field from {@code param} (null or "" for a value not given: the default).
   *
   * @throws BadParameter for the first value that breaks the rule, checked in {@link Field} order
   *     after every value's length and characters
   */
  public static FaviconQuery parse(Function<String, String> param) {
    for (Field f : Field.values()) {
      checkText(f, param.apply(f.key));
    }
    return DEFAULT.withSeed(param.apply(Field.SEED.key))
        .withSteps(param.apply(Field.STEPS.key))
        .withSampler(param.apply(Field.SAMPLER.key))
        .withCfg(param.apply(Field.CFG.key))
        .withCategory(param.apply(Field.CATEGORY.key))
        .withStrength(param.apply(Field.STRENGTH.key))
        .withRemix(param.apply(Field.REMIX.key));
  }

  /** This query with one field read from text by the rule; null or "" keeps this query's value. */
  public FaviconQuery with(Field field, String text) {
    switch (field) {
      case SEED:
        return withSeed(text);
      case CATEGORY:
        return withCategory(text);
      case STEPS:
        return withSteps(text);
      case SAMPLER:
        return withSampler(text);
      case CFG:
        return withCfg(text);
      case STRENGTH:
        return withStrength(text);
      default:
        return withRemix(text);
    }
  }

  public FaviconQuery withSeed(String text) {
    return given(Field.SEED, text) ? withSeed(integer(Field.SEED, text, 0, Limits.MAX_SEED)) : this;
  }

  public FaviconQuery withSeed(long seed) {
    refuse(Field.SEED, Limits.checkSeed(seed));
    return new FaviconQuery(seed, category, steps, sampler, cfg, strength, remix);
  }

  public FaviconQuery withSteps(String text) {
    return given(Field.STEPS, text) ? withSteps((int) integer(Field.STEPS, text, Limits.MIN_STEPS, Limits.MAX_STEPS)) : this;
  }

  public FaviconQuery withSteps(int steps) {
    refuse(Field.STEPS, Limits.checkSteps(steps));
    return new FaviconQuery(seed, category, steps, sampler, cfg, strength, remix);
  }

  public FaviconQuery withSampler(String text) {
    if (!given(Field.SAMPLER, text)) {
      return this;
    }
    try {
      return withSampler(SamplerKind.named(asciiLowerCase(text)));
    } catch (IllegalArgumentException e) {
      throw new BadParameter(Field.SAMPLER, e.getMessage());
    }
  }

  public FaviconQuery withSampler(SamplerKind sampler) {
    if (sampler == null) {
      throw new BadParameter(Field.SAMPLER, "sampler is required");
    }
    return new FaviconQuery(seed, category, steps, sampler, cfg, strength, remix);
  }

  public FaviconQuery withCfg(String text) {
    return given(Field.CFG, text) ? withCfg(decimal(Field.CFG, text, Limits.MIN_CFG, Limits.MAX_CFG)) : this;
  }

  public FaviconQuery withCfg(double cfg) {
    refuse(Field.CFG, Limits.checkCfg(cfg));
    return new FaviconQuery(seed, category, steps, sampler, cfg, strength, remix);
  }

  public FaviconQuery withStrength(String text) {
    return given(Field.STRENGTH, text) ? withStrength(decimal(Field.STRENGTH, text, Limits.MIN_REMIX_STRENGTH, 1))
        : this;
  }

  public FaviconQuery withStrength(double strength) {
    refuse(Field.STRENGTH, Limits.checkStrength(strength));
    return new FaviconQuery(seed, category, steps, sampler, cfg, strength, remix);
  }

  /** The remix start as base64url ({@link #REMIX_BYTES} bytes, unpadded). */
  public FaviconQuery withRemix(String text) {
    if (!given(Field.REMIX, text)) {
      return this;
    }
    byte[] bytes;
    try {
      bytes = Base64Url.decode(text);
    } catch (IllegalArgumentException e) {
      throw new BadParameter(Field.REMIX, "remix must be base64url: " + e.getMessage());
    }
    return withRemix(bytes);
  }

  /** The remix start: {@link #REMIX_BYTES} RGBA8 bytes (copied); null for plain generation. */
  public FaviconQuery withRemix(byte[] rgba) {
    if (rgba != null && rgba.length != REMIX_BYTES) {
      throw new BadParameter(Field.REMIX, "remix must be " + REMIX_BYTES + " bytes (" + Limits.ICON_SIZE + "x"
          + Limits.ICON_SIZE + " RGBA8), got " + rgba.length);
    }
    byte[] copy = null;
    if (rgba != null) {
      copy = new byte[rgba.length];
      System.arraycopy(rgba, 0, copy, 0, rgba.length);
    }
    return new FaviconQuery(seed, category, steps, sampler, cfg, strength, copy);
  }

  /** Whether this query remixes a start image. */
  public boolean remixes() {
    return remix != null;
  }

  /** The remix start as RGBA8 values 0-255 (what {@code Pixels.fromRgba8} reads); null for plain generation. */
  public int[] remixRgba() {
    if (remix == null) {
      return null;
    }
    int[] rgba = new int[remix.length];
    for (int i = 0; i < rgba.length; i++) {
      rgba[i] = remix[i] & 0xff;
    }
    return rgba;
  }

  /** A category name (any case), its index, or "any"; whether the model has it is {@link #label}'s question. */
  public FaviconQuery withCategory(String text) {
    return given(Field.CATEGORY, text) ? new FaviconQuery(seed, text, steps, sampler, cfg, strength, remix) : this;
  }

  /**
   * The category's label in a model with these names: a name in any case, "any" (the null label
   * {@code size()}), or an index in [0, size()].
   *
   * @throws BadParameter when the model has no such category
   */
  public int label(Categories categories) {
    int named = categories.label(category);
    if (named >= 0) {
      return named;
    }
    if (digits(category, 18)) {
      long i = Long.parseLong(category);
      if (i <= categories.size()) {
        return (int) i;
      }
    }
    throw new BadParameter(Field.CATEGORY, "category must be one of " + categories.describe() + ", or an index in [0, "
        + categories.size() + "], got \"" + category + "\"");
  }

  /**
   * One spelling per image: the category as the model names it ("any" for the null label) and
   * cfg as the float the model samples with, so queries that draw the same pixels are equal.
   */
  public FaviconQuery canonical(Categories categories) {
    // Strength 1 ignores the start (plain generation, bit for bit), and without a start strength means nothing.
    boolean remixing = remix != null && strength < 1;
    return new FaviconQuery(seed, categories.name(label(categories)), steps, sampler, (float) cfg,
        remixing ? strength : Limits.DEFAULT_REMIX_STRENGTH, remixing ? remix : null);
  }

  /** The query as every path samples it, with the product's guidance interval. */
  public SampleRequest sampleRequest(Categories categories) {
    return new SampleRequest((int) seed, label(categories), sampler, steps, (float) cfg, Limits.DEFAULT_GUIDANCE);
  }

  /**
   * {@code seed=42&category=any&steps=12&sampler=dpmpp2m&cfg=3}: what {@link #parse} reads back to
   * this query. The one place a favicon query is spelled.
   */
  public String toQuery() {
    StringBuilder q = new StringBuilder();
    for (Field f : PLAIN_FIELDS) {
      q.append(q.length() == 0 ? "" : "&").append(f.key).append('=').append(percentEncode(value(f)));
    }
    return q + (remix == null ? "" : "&" + Field.STRENGTH.key + "=" + value(Field.STRENGTH) + "&"
        + Field.REMIX.key + "=" + value(Field.REMIX));
  }

  /**
   * One field's value as {@link #parse} reads it back (not percent-encoded): what a query string,
   * a form or an embed tag's data-attribute holds for it. The remix is null when there is none.
   */
  public String value(Field field) {
    switch (field) {
      case SEED:
        return String.valueOf(seed);
      case CATEGORY:
        return category;
      case STEPS:
        return String.valueOf(steps);
      case SAMPLER:
        return sampler.wireName;
      case CFG:
        return Limits.format(cfg);
      case STRENGTH:
        return Limits.format(strength);
      default:
        return remix == null ? null : Base64Url.encode(remix);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FaviconQuery q && q.seed == seed && q.category.equals(category) && q.steps == steps
        && q.sampler == sampler && q.cfg == cfg && q.strength == strength && Arrays.equals(q.remix, remix);
  }

  @Override
  public int hashCode() {
    return toQuery().hashCode();
  }

  @Override
  public String toString() {
    return toQuery();
  }

  // ------------------------------------------------------------------ the rule

  private static boolean given(Field field, String text) {
    if (text == null || (text.isEmpty() && field.emptyIsDefault)) {
      return false;
    }
    checkText(field, text);
    return true;
  }

  private static void checkText(Field field, String text) {
    if (text == null) {
      return;
    }
    if (text.length() > field.maxLength) {
      throw new BadParameter(field, field.key + " is longer than " + field.maxLength + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        // Unicode digits, case-folding look-alikes (U+017F for 's') and a NUL that trim() would
        // drop all make two spellings of one image, and two cache entries.
        throw new BadParameter(field, field.key + " must be printable ASCII");
      }
    }
    if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ')) {
      throw new BadParameter(field, field.key + " must not start or end with a space, got \"" + text + "\"");
    }
  }

  /** 1 to 18 ASCII digits (fits a long without overflow) in [min, max]. */
  private static long integer(Field field, String text, double min, double max) {
    if (!digits(text, 18)) {
      throw new BadParameter(field, field.key + " must be an integer in [" + Limits.format(min) + ", "
          + Limits.format(max) + "], got \"" + text + "\"");
    }
    return Long.parseLong(text);
  }

  /**
   * A decimal as a browser's Number#toString writes it; the range is only for the message (the
   * caller's check refuses values outside it). Double.parseDouble alone would also take "3f", "3d",
   * "0x1p3", "NaN" and "Infinity".
   */
  private static double decimal(Field field, String text, double min, double max) {
    if (!decimal(text)) {
      throw new BadParameter(field, field.key + " must be a decimal number in [" + Limits.format(min) + ", "
          + Limits.format(max) + "], got \"" + text + "\"");
    }
    return Double.parseDouble(text);
  }

  private static void refuse(Field field, String problem) {
    if (problem != null) {
      throw new BadParameter(field, problem);
    }
  }

  private static boolean digits(String s, int maxDigits) {
    if (s.isEmpty() || s.length() > maxDigits) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A JSON-style non-negative decimal (what a browser's Number#toString writes): 3, 2.5, .5, 1e-7. */
  private static boolean decimal(String s) {
    int i = 0;
    int n = s.length();
    int intDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits == 0 && fracDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits < 1 || expDigits > 3) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String asciiLowerCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return b.toString();
  }

  /** RFC 3986 percent-encoding of printable ASCII (all a value can hold): unreserved characters stay. */
  private static String percentEncode(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '-' || c == '.' || c == '_'
          || c == '~') {
        b.append(c);
      } else {
        b.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
      }
    }
    return b.toString();
  }
}
