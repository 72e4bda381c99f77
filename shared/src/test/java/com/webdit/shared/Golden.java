package com.webdit.shared;

import com.webdit.shared.safetensors.SafeTensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the golden files written by training/make_golden.py from the test classpath. */
public final class Golden {
  private Golden() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + name + ": run /usr/bin/python3 training/make_golden.py");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] tinyModel() {
    return bytes("tiny.safetensors");
  }

  public static SafeTensors tinyCases() {
    return SafeTensors.parse(bytes("tiny_cases.safetensors"));
  }
}
