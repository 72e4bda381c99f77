package com.webdit.shared.product;

import com.webdit.shared.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The model's category names in label order, as training/export.py writes them into the weight
 * file's {@code __metadata__.categories} (a JSON array of strings; docs/MODEL.md, Labels). Label
 * {@code size()} is the null label, "any": unconditional samples. Server, demo and embed read
 * the names from the file (or /api/models), never from a copy.
 */
public final class Categories {
  public static final String ANY = "any";
  private final List<String> names;

  private Categories(List<String> names) {
    this.names = Collections.unmodifiableList(names);
  }

  public static Categories of(List<String> names) {
    return new Categories(new ArrayList<>(names));
  }

  /** From the metadata's JSON array; throws IllegalArgumentException when it is not one of distinct names. */
  public static Categories fromJson(String json) {
    Object parsed = Json.parse(json);
    if (!(parsed instanceof List<?> list)) {
      throw new IllegalArgumentException("categories must be a JSON array of names, got " + json);
    }
    List<String> names = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || s.isEmpty() || s.equalsIgnoreCase(ANY) || names.contains(s)) {
        throw new IllegalArgumentException("categories must be distinct non-empty names other than \"any\", got " + json);
      }
      names.add(s);
    }
    return new Categories(names);
  }

  /** Names "0", "1", ...: only for test fixtures written before files carried their categories. */
  public static Categories numbered(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(String.valueOf(i));
    }
    return new Categories(names);
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** The label of a name ("animals", any case) or "any" (the null label, size()); -1 when unknown. */
  public int label(String name) {
    String t = name.trim();
    if (t.isEmpty() || t.equalsIgnoreCase(ANY)) {
      return names.size();
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(t)) {
        return i;
      }
    }
    return -1;
  }

  /** The name of a label; "any" for the null label. */
  public String name(int label) {
    return label >= 0 && label < names.size() ? names.get(label) : ANY;
  }

  /** "smileys, people, ... or any": for messages. */
  public String describe() {
    return String.join(", ", names) + " or " + ANY;
  }

  public String toJson() {
    return Json.write(new ArrayList<Object>(names));
  }
}
