package com.webdit.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import org.eclipse.jetty.util.Callback;

/**
 * Sends a body held in memory without holding a pool thread while the client reads it.
 *
 * <p>Javalin writes `ctx.result` with blocking writes, so a client that asks for a weight file
 * (MBs, more than the kernel's socket buffers) and stops reading keeps one thread of the bounded
 * pool blocked until the idle timeout; a few hundred such connections took every thread and the
 * server answered nobody. Here Jetty sends the bytes asynchronously ({@link HttpOutput#sendContent})
 * and Javalin's request ends when that write completes or fails ({@link Context#future}), so a
 * stalled reader costs a connection and its socket buffers, and Jetty's idle timeout still closes
 * it. Chosen over the alternatives: virtual threads need Java 21 (we run on 17); a write timeout
 * would still hold a thread per reader until it fires; a per-address connection cap does not stop
 * many addresses and would shut out offices behind one NAT.
 *
 * <p>The buffer is only read, never copied: callers pass a view of bytes they keep.
 */
final class AsyncBody {
  private AsyncBody() {}

  static void send(Context ctx, ByteBuffer body) {
    ctx.future(() -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      // A failed write means the client left or timed out: the response is over either way, and
      // there is nothing left to tell it, so the request ends normally (and is logged as such).
      try {
        output(ctx).sendContent(body, Callback.from(() -> done.complete(null), failure -> done.complete(null)));
      } catch (RuntimeException e) {
        // An output already closed or failed can refuse the write before it starts, without calling
        // the callback: the request must still end, or it stays in flight until shutdown.
        done.complete(null);
      }
      return done;
    });
  }

  private static HttpOutput output(Context ctx) {
    try {
      if (ctx.res().getOutputStream() instanceof HttpOutput out) {
        return out;
      }
      throw new IllegalStateException("the response is not Jetty's (" + ctx.res().getOutputStream().getClass().getName()
          + "): cannot send it without blocking a thread");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
