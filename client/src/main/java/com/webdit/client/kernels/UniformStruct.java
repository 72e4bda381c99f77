package com.webdit.client.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * A WGSL uniform struct declared once, in Java. {@link #wgsl} is the struct a kernel's file uses
 * (prepended to it at compile time, so no .wgsl spells it), and {@link Values} packs it by field
 * name, so no field order is written twice. Every field is 4 bytes (u32 or f32), in declaration
 * order; the struct is padded to a multiple of 16 bytes, as a uniform buffer's size must be.
 */
public final class UniformStruct {
  private enum Type { U32, F32 }

  private final String name;
  private final List<String> fields = new ArrayList<>();
  private final List<Type> types = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();

  public UniformStruct(String name) {
    this.name = name;
  }

  public UniformStruct u32(String field) {
    return field(field, Type.U32, "");
  }

  /** A u32 field with a comment that says what it holds (it appears in the generated WGSL). */
  public UniformStruct u32(String field, String comment) {
    return field(field, Type.U32, comment);
  }

  public UniformStruct f32(String field) {
    return field(field, Type.F32, "");
  }

  private UniformStruct field(String field, Type type, String comment) {
    if (fields.contains(field)) {
      throw new IllegalArgumentException("struct " + name + " already has a field " + field);
    }
    fields.add(field);
    types.add(type);
    comments.add(comment);
    return this;
  }

  public String name() {
    return name;
  }

  /** 32-bit words, padding included. */
  public int words() {
    return (fields.size() + 3) / 4 * 4;
  }

  public int bytes() {
    return 4 * words();
  }

  /** The WGSL declaration: {@code struct Name { field: u32, ... _pad0: u32, }}. */
  public String wgsl() {
    StringBuilder sb = new StringBuilder("struct ").append(name).append(" {\n");
    for (int i = 0; i < fields.size(); i++) {
      sb.append("  ").append(fields.get(i)).append(": ").append(types.get(i) == Type.U32 ? "u32" : "f32").append(',');
      if (!comments.get(i).isEmpty()) {
        sb.append("  // ").append(comments.get(i));
      }
      sb.append('\n');
    }
    for (int pad = 0; pad < words() - fields.size(); pad++) {
      sb.append("  _pad").append(pad).append(": u32,\n");
    }
    return sb.append("}\n").toString();
  }

  /** A fresh set of values; every declared field must be given before {@link Values#words}. */
  public Values values() {
    return new Values();
  }

  /** The struct's values by field name (f32 fields as their IEEE-754 bits). */
  public final class Values {
    private final int[] words = new int[UniformStruct.this.words()];
    private final boolean[] given = new boolean[fields.size()];

    public Values u32(String field, int value) {
      return put(field, Type.U32, value);
    }

    public Values u32(String field, boolean value) {
      return put(field, Type.U32, value ? 1 : 0);
    }

    public Values f32(String field, float value) {
      return put(field, Type.F32, Float.floatToIntBits(value));
    }

    private Values put(String field, Type type, int bits) {
      int i = fields.indexOf(field);
      if (i < 0) {
        throw new IllegalArgumentException("struct " + name + " has no field " + field + " (it has " + fields + ")");
      }
      if (types.get(i) != type) {
        throw new IllegalArgumentException("struct " + name + " field " + field + " is " + types.get(i)
            + ", not " + type);
      }
      words[i] = bits;
      given[i] = true;
      return this;
    }

    /** The packed words; throws naming the first field that was not given. */
    public int[] words() {
      for (int i = 0; i < given.length; i++) {
        if (!given[i]) {
          throw new IllegalStateException("struct " + name + ": field " + fields.get(i) + " was not given");
        }
      }
      return words;
    }
  }
}
