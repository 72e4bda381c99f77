package com.webdit.shared.product;

import com.webdit.shared.fixtures.RandomModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.model.ModelFormatException;
import com.webdit.shared.fixtures.ModelRegistry;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.SafeTensors;
import com.webdit.shared.safetensors.SafeTensorsWriter;
import com.webdit.shared.safetensors.TensorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits and category names that server, demo and embed share. */
class ProductFactsTest {
  @Test
  void theServerFallbackCyclesAFixedPoolOfSeeds() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long k = 0; k < 1000; k++) {
      seen.add(Limits.serverSeed(-1, (k * 2654435761L) & 0xFFFFFFFFL)); // random loop seeds, no data-seed
    }
    assertEquals(Limits.SERVER_SEED_POOL, seen.size(), "any number of visitors: at most the pool");
    assertEquals(42L, Limits.serverSeed(42, 42), "a tag's own data-seed is drawn first, as asked");
    assertEquals(43L, Limits.serverSeed(42, 43));
    assertEquals(42L, Limits.serverSeed(42, 42 + Limits.SERVER_SEED_POOL), "then the pool wraps");
    assertEquals(4294967295L, Limits.serverSeed(4294967295L, 4294967295L));
    assertEquals(0L, Limits.serverSeed(4294967295L, 0), "past 2^32 - 1 the seed wraps like the loop's");
  }

  @Test
  void seedsWrapAsUnsigned32BitValues() {
    assertEquals(43L, Limits.seedPlus(42, 1));
    assertEquals(0L, Limits.seedPlus(4294967295L, 1), "2^32 - 1 + 1");
    assertEquals(4L, Limits.seedPlus(4294967290L, 10));
    assertEquals((long) Limits.MAX_SEED, Limits.seedPlus(0, (long) Limits.MAX_SEED));
  }

  @Test
  void everyRequestTheProductAcceptsIsAValidSampleRequest() {
    for (int steps : new int[] {Limits.MIN_STEPS, Limits.MAX_STEPS}) {
      for (double cfg : new double[] {Limits.MIN_CFG, Limits.MAX_CFG}) {
        assertNull(Limits.checkSteps(steps));
        assertNull(Limits.checkCfg(cfg));
        new com.webdit.shared.sampling.SampleRequest((int) Limits.DEFAULT_SEED, 0, Limits.DEFAULT_SAMPLER, steps,
            (float) cfg, Limits.DEFAULT_GUIDANCE); // throws outside the model-level bounds
      }
    }
  }

  @Test
  void limitsNameTheValueAndTheRange() {
    assertNull(Limits.checkSteps(50));
    assertEquals("steps must be an integer in [1, 50], got 51", Limits.checkSteps(51));
    assertEquals("steps must be an integer in [1, 50], got 2.5", Limits.checkSteps(2.5));
    assertNull(Limits.checkSeed(4294967295.0));
    assertEquals("seed must be an integer in [0, 4294967295], got -3", Limits.checkSeed(-3));
    assertTrue(Limits.checkSeed(Double.NaN).startsWith("seed must be"));
    assertNull(Limits.checkCfg(0));
    assertTrue(Limits.checkCfg(10.5).contains("[0, 10]"));
    assertNull(Limits.checkStrength(1));
    assertNull(Limits.checkStrength(Limits.DEFAULT_REMIX_STRENGTH));
    assertEquals("remix strength must be a number in [0.05, 1], got 0", Limits.checkStrength(0));
    assertTrue(Limits.checkStrength(Double.NaN).startsWith("remix strength must be"));
  }

  @Test
  void categoriesReadFromJsonLookUpByNameAndRefuseJunk() {
    Categories c = Categories.fromJson("[\"cats\",\"dogs\"]");
    assertEquals(0, c.label("Cats"));
    assertEquals(2, c.label("any"));
    assertEquals(-1, c.label("birds"));
    assertEquals("any", c.name(2));
    assertEquals("[\"cats\",\"dogs\"]", c.toJson());
    for (String bad : new String[] {"{}", "[1]", "[\"a\",\"a\"]", "[\"any\"]", "[\"\"]"}) {
      assertThrows(IllegalArgumentException.class, () -> Categories.fromJson(bad), bad);
    }
  }

  @Test
  void aWeightFileCarriesItsCategoriesAndTheyMustMatchItsClasses() {
    byte[] plain = RandomModel.fp16(ModelRegistry.tiny(), 1);
    WeightFile unnamed = WeightFile.open(plain);
    assertEquals(ModelRegistry.tiny().numClasses(), unnamed.categories().size());
    assertTrue(!unnamed.namesCategories());

    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < ModelRegistry.tiny().numClasses(); i++) {
      names.add("c" + i);
    }
    WeightFile named = WeightFile.open(withCategories(plain, Categories.of(names).toJson()));
    assertTrue(named.namesCategories());
    assertEquals(names, named.categories().names());

    ModelFormatException wrong = assertThrows(ModelFormatException.class,
        () -> WeightFile.open(withCategories(plain, "[\"only\",\"two\"]")));
    assertTrue(wrong.getMessage().contains("2 categories"), wrong.getMessage());
  }

  /** The same tensors with __metadata__.categories added, as training/export.py writes it. */
  private static byte[] withCategories(byte[] file, String json) {
    SafeTensors st = SafeTensors.parse(file);
    SafeTensorsWriter w = new SafeTensorsWriter();
    st.metadata().forEach(w::metadata);
    w.metadata(WeightFile.KEY_CATEGORIES, json);
    for (TensorInfo t : st.tensors().values()) {
      w.raw(t.name(), t.dtype(), t.shape(), st.rawBytes(t.name()));
    }
    return w.toBytes();
  }
}
