package com.webdit.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.webdit.client.kernels.GpuUnavailableException;
import com.webdit.shared.model.ModelFormatException;
import org.junit.jupiter.api.Test;

/** The one failure policy of the demo and the embed, and how errors are typed for it. */
class FailureTest {
  private static Failure.Action action(Failure.Cause cause, int attempt) {
    return new Failure(cause, "x").action(attempt);
  }

  @Test
  void aLostDeviceGetsOneFreshDeviceThenTheServer() {
    assertEquals(Failure.Action.RETRY, action(Failure.Cause.DEVICE_LOST, 1));
    assertEquals(Failure.Action.SERVER_FALLBACK, action(Failure.Cause.DEVICE_LOST, 2));
  }

  @Test
  void aNetworkErrorGetsOneRetryThenAMessage() {
    assertEquals(Failure.Action.RETRY, action(Failure.Cause.NETWORK, 1));
    assertEquals(Failure.Action.MESSAGE, action(Failure.Cause.NETWORK, 2));
  }

  @Test
  void everyOtherFailureGoesToTheServerAndCancellingDoesNothing() {
    for (Failure.Cause c : new Failure.Cause[] {Failure.Cause.NO_WEBGPU, Failure.Cause.SOFTWARE_ADAPTER,
        Failure.Cause.SAVE_DATA, Failure.Cause.KERNEL_COMPILE, Failure.Cause.OUT_OF_MEMORY, Failure.Cause.BAD_WEIGHTS}) {
      assertEquals(Failure.Action.SERVER_FALLBACK, action(c, 1), c.name());
      assertEquals(Failure.Action.SERVER_FALLBACK, action(c, 5), c.name());
    }
    assertEquals(Failure.Action.NOTHING, action(Failure.Cause.CANCELLED, 1));
  }

  @Test
  void errorsAreTypedByWhatFailed() {
    assertEquals(Failure.Cause.NO_WEBGPU, Failure.of(new GpuUnavailableException("no-adapter", "none")).cause);
    assertEquals(Failure.Cause.NETWORK, Failure.of(new GpuUnavailableException("kernel", "cannot load x.wgsl")).cause);
    assertEquals(Failure.Cause.KERNEL_COMPILE, Failure.of(new GpuUnavailableException("kernel", "bad wgsl")).cause);
    assertEquals(Failure.Cause.OUT_OF_MEMORY, Failure.of(new GpuUnavailableException("lost", "out of memory")).cause);
    assertEquals(Failure.Cause.BAD_WEIGHTS, Failure.of(new ModelFormatException("bad header")).cause);
    assertEquals(Failure.Cause.CANCELLED, Failure.of(new RuntimeException("AbortError: stopped")).cause);
    assertEquals(Failure.Cause.NETWORK, Failure.of(new RuntimeException("TypeError: Failed to fetch")).cause);
    assertEquals("software-adapter", new Failure(Failure.Cause.SOFTWARE_ADAPTER, "x").kind());
  }
}
