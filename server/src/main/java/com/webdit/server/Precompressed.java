package com.webdit.server;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.http.CompressedContentFormat;

/**
 * A published file's bytes in every encoding it is sent in: identity, brotli and gzip.
 *
 * <p>The build writes {@code NAME.br} and {@code NAME.gz} next to every weight file and next to
 * embed.js in the jar ({@link #main}, run by exec-maven-plugin in {@code process-classes}, so
 * {@code -DskipTests} packages them too), and a server started from the jar compresses nothing. A
 * file that arrives without them, from a {@code --weights} folder, is compressed here once at
 * startup, in memory (brotli 9 and gzip 9 take about a second for an 8 MB file): the operator's
 * folder is never written, and no request ever waits for a compression. Siblings that are present
 * must decode to the file's bytes, or loading fails naming them: a stale {@code .br} would
 * otherwise go out under the new file's ETag.
 */
public final class Precompressed {
  /**
   * Jetty's two formats, with our ETag suffixes. Jetty names a variant {@code "TAG--br"} and treats
   * it as equal to {@code "TAG"} in If-None-Match; ours are {@code "SHA-br"}, {@code "SHA-gzip"}: a
   * distinct strong validator per byte sequence (RFC 9110, 8.8.3), which Jetty's comparison leaves
   * distinct. Listed in preference order: br first when a client ranks both equally.
   */
  static final CompressedContentFormat BROTLI = new Format("br", ".br");
  static final CompressedContentFormat GZIP = new Format("gzip", ".gz");
  static final List<CompressedContentFormat> FORMATS = List.of(BROTLI, GZIP);

  private final byte[] identity;
  private final Map<CompressedContentFormat, byte[]> encoded;
  private final boolean compressedAtStartup;

  private Precompressed(byte[] identity, Map<CompressedContentFormat, byte[]> encoded, boolean compressedAtStartup) {
    this.identity = identity;
    this.encoded = Collections.unmodifiableMap(encoded);
    this.compressedAtStartup = compressedAtStartup;
  }

  /**
   * The file and its encodings: each sibling {@code name + extension} that {@code siblings} finds
   * is checked and used, each missing one is compressed now.
   *
   * @throws IllegalStateException naming a sibling that does not decode to {@code identity}
   */
  static Precompressed load(String name, byte[] identity, Function<String, byte[]> siblings) {
    Map<CompressedContentFormat, byte[]> encoded = new LinkedHashMap<>();
    boolean compressed = false;
    for (CompressedContentFormat format : FORMATS) {
      if (format == BROTLI && !brotliAvailable()) {
        continue; // no native brotli on this platform: gzip and identity only
      }
      byte[] sibling = siblings.apply(name + format.getExtension());
      if (sibling == null) {
        sibling = compress(format, identity);
        compressed = true;
      } else if (!Arrays.equals(decompress(format, sibling), identity)) {
        throw new IllegalStateException(name + format.getExtension() + " does not decode to " + name
            + ": it is stale; delete it (the server then compresses at startup) or rebuild it with the file");
      }
      encoded.put(format, sibling);
    }
    return new Precompressed(identity, encoded, compressed);
  }

  byte[] identity() {
    return identity;
  }

  /** The encoded bodies, in {@link #FORMATS} order. */
  Map<CompressedContentFormat, byte[]> encoded() {
    return encoded;
  }

  /** True when some encoding was compressed by {@link #load}, not read from the build's siblings. */
  boolean compressedAtStartup() {
    return compressedAtStartup;
  }

  /** Brotli needs brotli4j's native library (shipped for linux-x86_64); without it we send gzip. */
  static boolean brotliAvailable() {
    try {
      return Brotli4jLoader.isAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  static byte[] compress(CompressedContentFormat format, byte[] data) {
    try {
      if (format == BROTLI) {
        Brotli4jLoader.ensureAvailability(); // loads the native library once
        return Encoder.compress(data, new Encoder.Parameters().setQuality(9));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
      try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
        {
          def.setLevel(Deflater.BEST_COMPRESSION);
        }
      }) {
        gz.write(data);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] decompress(CompressedContentFormat format, byte[] data) {
    try {
      if (format == BROTLI) {
        Brotli4jLoader.ensureAvailability();
        DirectDecompress result = Decoder.decompress(data);
        return result.getResultStatus() == DecoderJNI.Status.DONE ? result.getDecompressedData() : null;
      }
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      return null; // not a valid stream: it cannot match
    }
  }

  /**
   * The build step: writes {@code .br} and {@code .gz} next to each given file, and next to each
   * {@code *.safetensors} in each given folder, unless they are already newer than the file.
   */
  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      Path path = Path.of(arg);
      List<Path> files;
      if (Files.isDirectory(path)) {
        try (Stream<Path> list = Files.list(path)) {
          files = list.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
      } else if (Files.isRegularFile(path)) {
        files = List.of(path);
      } else {
        throw new IllegalArgumentException(path + " does not exist: nothing to precompress");
      }
      for (Path file : files) {
        byte[] bytes = null;
        for (CompressedContentFormat format : FORMATS) {
          Path sibling = file.resolveSibling(file.getFileName() + format.getExtension());
          if (Files.isRegularFile(sibling)
              && Files.getLastModifiedTime(sibling).compareTo(Files.getLastModifiedTime(file)) > 0) {
            continue;
          }
          if (bytes == null) {
            bytes = Files.readAllBytes(file);
          }
          byte[] out = compress(format, bytes);
          Files.write(sibling, out);
          System.out.printf("precompressed %s: %d -> %d bytes%n", sibling, bytes.length, out.length);
        }
      }
    }
  }

  /** A CompressedContentFormat whose ETag suffix is "-br" / "-gzip" (see {@link #BROTLI}). */
  private static final class Format extends CompressedContentFormat {
    private final String suffix;

    Format(String encoding, String extension) {
      super(encoding, extension);
      this.suffix = "-" + encoding;
    }

    @Override
    public String getEtagSuffix() {
      return suffix;
    }
  }
}
