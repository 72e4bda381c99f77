package com.webdit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webdit.shared.json.Json;
import com.webdit.shared.product.Categories;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Category names travel in the weight file (training/export.py) and reach clients through /api/models. */
class CategoriesTest {
  @Test
  void everyShippedFileNamesItsCategoriesInLabelOrder() {
    ModelStore store = ModelStore.load(null);
    assertTrue(!store.all().isEmpty());
    for (ServedModel m : store.all()) {
      assertTrue(m.weightFile().namesCategories(), m.fileName() + " has no __metadata__.categories: re-export it "
          + "with training/export.py");
      assertEquals(m.config().numClasses(), m.weightFile().categories().size(), m.fileName());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void apiModelsListsEachModelsCategoriesAndTheFaviconEndpointTakesThem() throws Exception {
    try (TestServer s = TestServer.start()) {
      Map<String, Object> body = Json.parseObject(new String(s.get("/api/models").body()));
      for (Object o : (List<Object>) body.get("models")) {
        Map<String, Object> m = (Map<String, Object>) o;
        List<Object> names = (List<Object>) m.get("categories");
        assertEquals(((Number) ((Map<String, Object>) m.get("config")).get("num_classes")).intValue(), names.size(),
            String.valueOf(m));
        Categories cats = Categories.fromJson(Json.write(names));
        String last = cats.name(cats.size() - 1);
        HttpResponse<byte[]> png = s.get("/api/favicon.png?seed=1&steps=1&category=" + last);
        assertEquals(200, png.statusCode(), new String(png.body()));
      }
    }
  }

  @Test
  void aFileWhoseNamesDoNotMatchItsClassesIsRefused() {
    com.webdit.shared.product.FaviconQuery.BadParameter bad = org.junit.jupiter.api.Assertions.assertThrows(
        com.webdit.shared.product.FaviconQuery.BadParameter.class, () -> com.webdit.shared.product.FaviconQuery.parse(
            Map.of("category", "dragons")::get).canonical(Categories.of(List.of("cats", "dogs"))));
    assertTrue(bad.getMessage().contains("cats, dogs"), bad.getMessage());
    assertEquals(2, com.webdit.shared.product.FaviconQuery.parse(Map.of("category", "any")::get)
        .label(Categories.of(List.of("cats", "dogs"))));
    assertEquals(1, com.webdit.shared.product.FaviconQuery.parse(Map.of("category", "DOGS")::get)
        .label(Categories.of(List.of("cats", "dogs"))));
  }
}
