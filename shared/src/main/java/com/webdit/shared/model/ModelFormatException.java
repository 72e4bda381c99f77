package com.webdit.shared.model;

/** A weight file that is valid safetensors but not a usable WebDiT model (config, version, shapes). */
public final class ModelFormatException extends RuntimeException {
  public ModelFormatException(String message) {
    super(message);
  }
}
