package com.webdit.client.embed;

import com.webdit.shared.product.Categories;
import com.webdit.shared.product.FaviconQuery;
import com.webdit.shared.product.Limits;
import elemental2.dom.DomGlobal;

/**
 * One script tag while the embed runs: its settings (immutable) and what its loop has learned
 * since: the next seed, whether the model has its category, and whether its remix gave up.
 */
final class Tag {
  final EmbedConfig config;
  private long nextSeed = -1;
  private Categories checkedAgainst;
  private String category;
  private boolean remixGivenUp;

  Tag(EmbedConfig config) {
    this.config = config;
  }

  /** The tag's next seed: data-seed first, else a random one; then one up each time. */
  long takeSeed() {
    long s = nextSeed >= 0 ? nextSeed : config.seeded ? config.query.seed : (long) Math.floor(Math.random() * 4294967296.0);
    nextSeed = Limits.seedPlus(s, 1);
    return s;
  }

  /**
   * The tag's favicon query for this seed, its category spelled as the model names it; a category
   * the model lacks becomes "any", with one console warning.
   */
  FaviconQuery query(long seed, Categories cats) {
    if (checkedAgainst != cats) {
      checkedAgainst = cats;
      try {
        category = cats.name(config.query.label(cats));
      } catch (FaviconQuery.BadParameter e) {
        DomGlobal.console.warn("WebDiT: data-category \"" + config.query.category + "\" is not one of "
            + cats.describe() + "; using any");
        category = Categories.ANY;
      }
    }
    return config.query.withSeed(seed).withCategory(category);
  }

  /** Remix strength for this tag's next favicon: 0 for plain generation (off, given up, or 1, which ignores the icon). */
  double remix() {
    return remixGivenUp || config.remix >= 1 ? 0 : config.remix;
  }

  void giveUpRemix() {
    remixGivenUp = true;
  }
}
