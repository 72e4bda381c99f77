package com.webdit.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Render slots shared fairly between clients. A free slot goes to a request at once; when all
 * are taken, a request waits (a bounded time, in a bounded line, one waiting request per client)
 * and each slot that frees up goes to the waiting client that holds the fewest slots, oldest
 * first. So clients that send renders back to back cannot starve a third one: it gets the next
 * free slot, ahead of their next request. Beyond the line or the wait: {@link Busy} (429).
 */
final class FairSlots {
  /** No slot within the wait, the line is full, or this client already waits. */
  static final class Busy extends RuntimeException {
    Busy(String why) {
      super(why, null, false, false);
    }
  }

  private static final class Waiter {
    final String client;
    boolean granted;

    Waiter(String client) {
      this.client = client;
    }
  }

  private final int maxWaiting;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Integer> held = new HashMap<>();
  private final List<Waiter> line = new ArrayList<>(); // arrival order
  private int free;

  FairSlots(int slots, int maxWaiting, long maxWaitMillis) {
    this.free = slots;
    this.maxWaiting = maxWaiting;
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
  }

  /** Takes a slot for this client, waiting fairly if need be; call {@link #release} with the same client. */
  void acquire(String client) throws InterruptedException {
    lock.lock();
    try {
      if (line.isEmpty() && free > 0) { // nobody waits: no barging past a waiting client
        free--;
        held.merge(client, 1, Integer::sum);
        return;
      }
      if (line.size() >= maxWaiting) {
        throw new Busy("all render slots are busy and " + line.size() + " requests wait");
      }
      for (Waiter w : line) {
        if (w.client.equals(client)) {
          throw new Busy("this client already waits for a render slot");
        }
      }
      Waiter me = new Waiter(client);
      line.add(me);
      long left = maxWaitNanos;
      try {
        while (!me.granted && left > 0) {
          left = changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        if (me.granted) {
          release(client); // handed a slot just as we were interrupted: pass it on
        } else {
          line.remove(me);
        }
        throw e;
      }
      if (!me.granted) {
        line.remove(me);
        throw new Busy("no render slot came free in " + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms");
      }
    } finally {
      lock.unlock();
    }
  }

  void release(String client) {
    lock.lock();
    try {
      held.computeIfPresent(client, (k, n) -> n == 1 ? null : n - 1);
      Waiter next = null;
      for (Waiter w : line) { // fewest slots held wins; the line's order breaks ties
        if (next == null || held.getOrDefault(w.client, 0) < held.getOrDefault(next.client, 0)) {
          next = w;
        }
      }
      if (next == null) {
        free++;
        return;
      }
      line.remove(next);
      next.granted = true;
      held.merge(next.client, 1, Integer::sum);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Requests waiting right now (for tests). */
  int waiting() {
    lock.lock();
    try {
      return line.size();
    } finally {
      lock.unlock();
    }
  }

  /** Slots free right now (for tests). */
  int free() {
    lock.lock();
    try {
      return free;
    } finally {
      lock.unlock();
    }
  }
}
