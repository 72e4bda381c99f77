package com.webdit.client.runtime;

import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;

/**
 * The favicon loop of the demo and the embed: one turn at a time (a favicon, a morph leg, the
 * demo's gallery), then a pause the front end decides, and no work while the tab is hidden (a
 * turn due while hidden runs when the tab is shown again). {@link #stop()} ends the loop: a turn
 * still running shows nothing more ({@link #current}).
 */
public final class FaviconLoop {
  /** One turn: resolves (or rejects) when its favicon has been shown. */
  public interface Turn {
    Promise<?> run(int generation);
  }

  /** The pause after a turn that started at {@code startedMs} (performance.now()); negative: no next turn. */
  public interface Pause {
    double ms(double startedMs);
  }

  private final Turn turn;
  private final Pause pause;
  private boolean running;
  private boolean busy;
  private boolean planned; // a next turn is due at nextAllowed
  private boolean listening;
  private Turn pressed; // a runNow that came while a turn ran: it runs next
  private double timer = -1;
  private double nextAllowed;
  private int generation;

  public FaviconLoop(Turn turn, Pause pause) {
    this.turn = turn;
    this.pause = pause;
  }

  /** Runs the loop: the next turn once the last one's pause is over. */
  public void start() {
    running = true;
    planned = true;
    if (!listening) {
      listening = true;
      DomGlobal.document.addEventListener("visibilitychange", e -> {
        if (running && planned && !busy && !hidden()) {
          schedule(Math.max(0, nextAllowed - DomGlobal.performance.now()));
        }
      });
    }
    schedule(Math.max(0, nextAllowed - DomGlobal.performance.now()));
  }

  /** Ends the loop; the turn in progress, if any, is no longer {@link #current}. */
  public void stop() {
    running = false;
    generation++;
    busy = false;
    planned = false;
    pressed = null;
    cancelTimer();
  }

  public boolean running() {
    return running;
  }

  public boolean busy() {
    return busy;
  }

  /** Whether work of the turn that got this generation may still show anything. */
  public boolean current(int turnGeneration) {
    return running && turnGeneration == generation;
  }

  /** The next turn in ms (sooner or later than planned). */
  public void schedule(double ms) {
    cancelTimer();
    planned = true;
    nextAllowed = DomGlobal.performance.now() + ms;
    timer = DomGlobal.setTimeout(ignored -> {
      timer = -1;
      if (running && !busy && !hidden()) {
        run(turn);
      }
    }, ms);
  }

  /**
   * Runs this turn now (a button press), or right after the turn that is running, in place of the
   * loop's next one (a later press replaces an earlier one still waiting); the loop's pause follows it.
   */
  public void runNow(Turn now) {
    if (!running) {
      return;
    }
    if (busy) {
      pressed = now;
      return;
    }
    cancelTimer();
    run(now);
  }

  private void run(Turn t) {
    busy = true;
    int mine = generation;
    double started = DomGlobal.performance.now();
    Promise<?> done;
    try {
      done = t.run(mine);
    } catch (Throwable e) {
      done = Promise.reject(e);
    }
    done.then(ignored -> {
      after(mine, started);
      return null;
    }, error -> {
      after(mine, started);
      return null;
    });
  }

  private void after(int mine, double started) {
    if (mine != generation) {
      return;
    }
    busy = false;
    if (pressed != null) {
      Turn next = pressed;
      pressed = null;
      cancelTimer();
      run(next);
      return;
    }
    double ms = pause.ms(started);
    planned = ms >= 0;
    if (planned) {
      schedule(ms);
    }
  }

  private void cancelTimer() {
    if (timer >= 0) {
      DomGlobal.clearTimeout(timer);
      timer = -1;
    }
  }

  private static boolean hidden() {
    return "hidden".equals(DomGlobal.document.visibilityState);
  }
}
