package com.webdit.server.render;

import com.webdit.shared.sampling.SampleRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every favicon being sampled through one {@link FastDiT} pass per step (continuous
 * batching): a driver thread takes the requests that arrived, then loops "one forward pass for
 * the current step of every active request, then each request's sampler update"; a request joins
 * at the next pass after it arrives and leaves when its last step is done. The pass's images
 * (cond and uncond of each guided request) are split into up to {@code threads} contiguous groups
 * that run in parallel, each on its own thread and workspace, with no synchronisation inside the
 * forward pass.
 *
 * <p>So one guided render uses at most two threads (its cond and uncond images), an unguided one
 * a single thread: splitting one image's tokens between threads would need a barrier after every
 * layer (about 30 per pass) for a pass that takes a few milliseconds, and on a busy server the
 * other threads are better spent on other requests' images, which need no barrier at all.
 *
 * <p>Threads start with the first request, so a server that never renders a favicon never starts them.
 */
public final class BatchRenderer implements AutoCloseable {
  private final FastDiT model;
  private final int threads;
  private final int maxJobsPerPass;
  private final LinkedBlockingQueue<Pending> arrivals = new LinkedBlockingQueue<>();
  private final AtomicLong passes = new AtomicLong();
  private final AtomicLong images = new AtomicLong();
  private Thread driver;
  private ExecutorService workers;
  private volatile boolean closed;

  /** A renderer with {@code threads} threads in all (the driver is one of them). */
  public BatchRenderer(FastDiT model, int threads) {
    this(model, threads, 4 * threads);
  }

  /** At most maxJobsPerPass requests share a pass; later ones wait for a place, first come first served. */
  public BatchRenderer(FastDiT model, int threads, int maxJobsPerPass) {
    if (threads < 1 || maxJobsPerPass < 1) {
      throw new IllegalArgumentException("threads and jobs per pass must be at least 1, got " + threads + " and "
          + maxJobsPerPass);
    }
    this.model = model;
    this.threads = threads;
    this.maxJobsPerPass = maxJobsPerPass;
  }

  public FastDiT model() {
    return model;
  }

  public int threads() {
    return threads;
  }

  /** Forward passes run so far, and the images they held: images / passes is the mean batch. */
  public long passes() {
    return passes.get();
  }

  public long images() {
    return images.get();
  }

  /** The sampled image x_0 (C, H, W) for the request; blocks until its last step is done. */
  public float[] sample(SampleRequest request) throws InterruptedException {
    return sample(request, null, 1.0);
  }

  /** As {@link #sample(SampleRequest)}, from a given start (a remix; null: plain) on the grid from t0 down to 0. */
  public float[] sample(SampleRequest request, float[] start, double t0) throws InterruptedException {
    SamplingJob job = new SamplingJob(request, start, t0, model.config().imageValues(), model.config().nullLabel());
    Pending p = new Pending(job);
    start();
    arrivals.add(p);
    if (closed) {
      p.result.completeExceptionally(new CancellationException("the renderer is closed"));
    }
    try {
      return p.result.get();
    } catch (InterruptedException e) {
      p.cancelled = true;
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("favicon render failed", e.getCause());
    }
  }

  private synchronized void start() {
    if (driver != null || closed) {
      return;
    }
    if (threads > 1) {
      workers = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread t = new Thread(r, "favicon-render-worker");
        t.setDaemon(true);
        return t;
      });
    }
    driver = new Thread(this::drive, "favicon-render-driver");
    driver.setDaemon(true);
    driver.start();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (driver != null) {
      driver.interrupt();
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    for (Pending p; (p = arrivals.poll()) != null; ) {
      p.result.completeExceptionally(new CancellationException("the renderer is closed"));
    }
  }

  private static final class Pending {
    final SamplingJob job;
    final CompletableFuture<float[]> result = new CompletableFuture<>();
    volatile boolean cancelled;

    Pending(SamplingJob job) {
      this.job = job;
    }
  }

  private void drive() {
    List<Pending> active = new ArrayList<>();
    ArrayDeque<Pending> waiting = new ArrayDeque<>();
    List<FastDiT.Workspace> spaces = new ArrayList<>();
    try {
      while (!closed) {
        if (active.isEmpty() && waiting.isEmpty()) {
          waiting.add(arrivals.take());
        }
        arrivals.drainTo(waiting);
        while (active.size() < maxJobsPerPass && !waiting.isEmpty()) {
          active.add(waiting.poll());
        }
        active.removeIf(p -> p.cancelled);
        if (active.isEmpty()) {
          continue;
        }
        try {
          step(active, spaces);
        } catch (RuntimeException | Error e) {
          for (Pending p : active) {
            p.result.completeExceptionally(e);
          }
          active.clear();
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
    CancellationException gone = new CancellationException("the renderer is closed");
    for (Pending p : active) {
      p.result.completeExceptionally(gone);
    }
    for (Pending p : waiting) {
      p.result.completeExceptionally(gone);
    }
  }

  /** One forward pass over every active job's images, then each job's sampler update. */
  private void step(List<Pending> active, List<FastDiT.Workspace> spaces) throws InterruptedException {
    int n = 0;
    for (Pending p : active) {
      n += p.job.passes();
    }
    float[][] x = new float[n][];
    float[] t = new float[n];
    int[] labels = new int[n];
    float[][] v = new float[n][model.config().imageValues()];
    int i = 0;
    for (Pending p : active) {
      for (int pass = 0; pass < p.job.passes(); pass++, i++) {
        x[i] = p.job.x();
        t[i] = p.job.t();
        labels[i] = p.job.label(pass);
      }
    }
    int groups = Math.min(threads, n);
    List<Future<?>> running = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      int from = n * g / groups;
      int to = n * (g + 1) / groups;
      if (spaces.size() <= g) {
        spaces.add(null);
      }
      if (spaces.get(g) == null || spaces.get(g).images() < to - from) {
        spaces.set(g, model.workspace(to - from));
      }
      FastDiT.Workspace ws = spaces.get(g);
      Runnable group = () -> model.forward(slice(x, from, to), slice(t, from, to), slice(labels, from, to), to - from,
          slice(v, from, to), ws);
      if (g == 0) {
        continue; // runs on this thread below, after the others are submitted
      }
      running.add(workers.submit(group));
    }
    int first = n / groups;
    model.forward(slice(x, 0, first), slice(t, 0, first), slice(labels, 0, first), first, slice(v, 0, first), spaces.get(0));
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("forward pass failed", e.getCause());
      }
    }
    passes.incrementAndGet();
    images.addAndGet(n);
    i = 0;
    for (Iterator<Pending> it = active.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      int k = p.job.passes();
      p.job.advance(v[i], k == 2 ? v[i + 1] : null);
      i += k;
      if (p.job.done()) {
        p.result.complete(p.job.x().clone());
        it.remove();
      }
    }
  }

  private static float[][] slice(float[][] a, int from, int to) {
    float[][] out = new float[to - from][];
    System.arraycopy(a, from, out, 0, to - from);
    return out;
  }

  private static float[] slice(float[] a, int from, int to) {
    float[] out = new float[to - from];
    System.arraycopy(a, from, out, 0, to - from);
    return out;
  }

  private static int[] slice(int[] a, int from, int to) {
    int[] out = new int[to - from];
    System.arraycopy(a, from, out, 0, to - from);
    return out;
  }
}
