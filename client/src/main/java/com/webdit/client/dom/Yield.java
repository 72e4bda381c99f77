package com.webdit.client.dom;

import elemental2.dom.MessageChannel;
import elemental2.promise.Promise;

/**
 * Gives the main thread back to the page between slices of long work (reading and checking the
 * weights, starting the kernels' compilation, building the engine), so that input and rendering
 * run in between and no task is long
 * (every main-thread task under 50 ms). One way to yield for the whole client.
 */
public final class Yield {
  private Yield() {}

  /**
   * Resolves in a later task. scheduler.yield() where the browser has it: its continuation goes
   * ahead of other queued tasks, so the work is not delayed behind the page's timers. Else a
   * MessageChannel message: a new task too, without the 4 ms clamp that nested setTimeout(0)
   * calls get after the fifth. Either way the answer is adopted as a Promise of the program's
   * own type, whatever a host page installed as window.Promise or scheduler.
   */
  public static Promise<Object> toPage() {
    Scheduler scheduler = Scheduler.get();
    if (scheduler != null) {
      return Promise.resolve(scheduler.yieldTask());
    }
    return new Promise<>((resolve, reject) -> {
      MessageChannel channel = new MessageChannel();
      channel.port1.onmessage = message -> {
        channel.port1.close();
        resolve.onInvoke((Object) null);
      };
      channel.port2.postMessage(null);
    });
  }
}
