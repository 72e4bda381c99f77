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
    return model("tiny");
  }

  public static SafeTensors tinyCases() {
    return cases("tiny");
  }

  /** A golden model by file name: "tiny", or "tiny_skips" (the same with long skips). */
  public static byte[] model(String name) {
    return bytes(name + ".safetensors");
  }

  public static SafeTensors cases(String name) {
    return SafeTensors.parse(bytes(name + "_cases.safetensors"));
  }
}
