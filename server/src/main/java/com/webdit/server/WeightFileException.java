package com.webdit.server;

/**
 * A weight file the server refuses to publish. The message names the file and says why, so `main`
 * can print it as one line and exit instead of a stack trace.
 */
public final class WeightFileException extends RuntimeException {
  public WeightFileException(String fileName, String reason, Throwable cause) {
    super("weight file " + fileName + " cannot be served: " + reason, cause);
  }
}
