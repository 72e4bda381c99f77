package com.webdit.shared.json;

/** Malformed JSON text; the message names the offset and what was expected. */
public final class JsonException extends RuntimeException {
  public JsonException(String message) {
    super(message);
  }
}
