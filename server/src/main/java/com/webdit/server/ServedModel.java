package com.webdit.server;

import com.webdit.shared.model.DiT;
import com.webdit.shared.model.DiTConfig;
import com.webdit.shared.model.DiTTensors;
import com.webdit.shared.model.ModelFormatException;
import com.webdit.shared.model.WeightFile;
import com.webdit.shared.safetensors.TensorInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weight file held in memory: validated as a WebDiT model at startup (a bad file stops the
 * server with the loader's message) and hashed.
 */
public final class ServedModel {
  /** webdit-NAME-DTYPE-HASH.safetensors: HASH is a hex prefix of the file's SHA-256. */
  private static final Pattern HASHED_NAME = Pattern.compile(".*-([0-9a-f]{8,64})\\.safetensors");

  private static final int RGBA = 4;

  private final String fileName;
  private final byte[] bytes;
  private final String sha256;
  private final DiTConfig config;
  private final WeightFile weightFile;
  private final Map<String, Integer> dtypeCounts;

  ServedModel(String fileName, byte[] bytes) {
    this.fileName = fileName;
    WeightFile wf;
    try {
      wf = WeightFile.open(bytes); // config bounds are checked here, before anything is allocated
      DiTTensors.check(wf); // a file missing a layer stops startup here, not a visitor's render later
      if (wf.config().channels() != RGBA) {
        throw new ModelFormatException("favicons are RGBA, so channels must be " + RGBA + ", got " + wf.config().channels());
      }
      // Build the CPU model once and drop it: decoding every tensor is the one check that covers
      // everything a browser or the favicon renderer will do with the file, for every file and
      // not only the preferred one (which the renderer loads again).
      new DiT(wf);
    } catch (RuntimeException e) {
      throw new WeightFileException(fileName, e.getMessage(), e);
    }
    this.config = wf.config();
    this.weightFile = wf;
    this.bytes = bytes;
    this.sha256 = sha256Hex(bytes);
    Map<String, Integer> counts = new TreeMap<>();
    for (TensorInfo t : wf.tensors().tensors().values()) {
      counts.merge(t.dtype().name(), t.elements(), Integer::sum);
    }
    this.dtypeCounts = counts;
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  public String fileName() {
    return fileName;
  }

  public String sha256() {
    return sha256;
  }

  public WeightFile weightFile() {
    return weightFile;
  }

  public DiTConfig config() {
    return config;
  }

  public int size() {
    return bytes.length;
  }

  /** Element counts per dtype, e.g. {F16=...} or {F32=..., I8=...}. */
  public Map<String, Integer> dtypeCounts() {
    return dtypeCounts;
  }

  /** True when the name carries a hash that matches the content, so the URL can never change meaning. */
  public boolean contentHashedName() {
    Matcher m = HASHED_NAME.matcher(fileName);
    return m.matches() && sha256().startsWith(m.group(1));
  }

  /** The file's bytes, exactly as published (read only: the array is shared). */
  byte[] bytes() {
    return bytes;
  }
}
