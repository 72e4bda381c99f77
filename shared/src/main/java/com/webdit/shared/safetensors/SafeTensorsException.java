package com.webdit.shared.safetensors;

/** A weight file that breaks the safetensors format or WebDiT's rules on top of it. */
public final class SafeTensorsException extends RuntimeException {
  public SafeTensorsException(String message) {
    super(message);
  }
}
