package com.webdit.server;

import com.webdit.shared.product.ModelPick;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The weight files the server publishes, read once at startup from a folder or from the jar's
 * {@code weights/}. Lookups go by exact file name through a map, so a request path never touches
 * the file system: traversal has nothing to traverse.
 */
public final class ModelStore {
  static final String CLASSPATH_DIR = "weights/";
  private static final String SUFFIX = ".safetensors";

  private final Map<String, ServedModel> byName;
  private final Path dirOrNull;

  private ModelStore(Map<String, ServedModel> byName, Path dirOrNull) {
    this.byName = Collections.unmodifiableMap(byName);
    this.dirOrNull = dirOrNull;
  }

  public static ModelStore load(Path dirOrNull) {
    Map<String, byte[]> files = dirOrNull == null ? readClasspath() : readFolder(dirOrNull);
    Map<String, ServedModel> models = new LinkedHashMap<>();
    files.keySet().stream().sorted().forEach(name -> models.put(name, new ServedModel(name, files.get(name))));
    return new ModelStore(models, dirOrNull);
  }

  /**
   * The model's file with its br and gzip encodings: the {@code .br}/{@code .gz} siblings the build
   * put next to it (or an operator did), else compressed now ({@link Precompressed#load}).
   *
   * @throws WeightFileException naming a sibling that does not decode to the file
   */
  Precompressed precompressed(ServedModel model) {
    try {
      return Precompressed.load(model.fileName(), model.bytes(), this::readSibling);
    } catch (IllegalStateException e) {
      throw new WeightFileException(model.fileName(), e.getMessage(), e);
    }
  }

  /** A file next to the weight files (where they were read from), or null. */
  private byte[] readSibling(String name) {
    try {
      if (dirOrNull != null) {
        Path p = dirOrNull.resolve(name);
        return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
      }
      try (InputStream in = ModelStore.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name)) {
        return in == null ? null : in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  public List<ServedModel> all() {
    return new ArrayList<>(byName.values());
  }

  /** The model the server draws with: the largest config, fp16 before int8 and int4 (scored as the clients score). */
  public ServedModel preferred() {
    ServedModel best = null;
    double bestScore = -1;
    for (ServedModel m : byName.values()) {
      double score = ModelPick.score(m.config().hiddenSize(), m.config().depth(),
          ModelPick.dtypeOf(m.dtypeCounts().keySet()), "f16", true);
      if (score > bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return best;
  }

  public ServedModel get(String fileName) {
    return byName.get(fileName);
  }

  private static Map<String, byte[]> readFolder(Path dir) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(SUFFIX) && Files.isRegularFile(p)) {
          out.put(name, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weights folder " + dir, e);
    }
    return out;
  }

  /** Lists weights/ inside the jar (or target/classes when run from the build). */
  private static Map<String, byte[]> readClasspath() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    ClassLoader cl = ModelStore.class.getClassLoader();
    try {
      Enumeration<URL> roots = cl.getResources(CLASSPATH_DIR);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        List<String> names = new ArrayList<>();
        if (url.getProtocol().equals("jar")) {
          JarURLConnection conn = (JarURLConnection) url.openConnection();
          conn.setUseCaches(false);
          try (JarFile jar = conn.getJarFile()) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String n = e.nextElement().getName();
              if (n.startsWith(CLASSPATH_DIR) && n.endsWith(SUFFIX) && n.indexOf('/', CLASSPATH_DIR.length()) < 0) {
                names.add(n.substring(CLASSPATH_DIR.length()));
              }
            }
          }
        } else if (url.getProtocol().equals("file")) {
          try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).forEach(names::add);
          }
        }
        for (String name : names) {
          if (!out.containsKey(name)) {
            try (InputStream in = cl.getResourceAsStream(CLASSPATH_DIR + name)) {
              out.put(name, in.readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded weights", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
