package com.webdit.client.kernels;

import com.webdit.client.webgpu.GPUBindGroup;
import com.webdit.client.webgpu.GPUBindGroupDescriptor;
import com.webdit.client.webgpu.GPUBindGroupEntry;
import com.webdit.client.webgpu.GPUBuffer;
import com.webdit.client.webgpu.GPUBufferDescriptor;
import com.webdit.client.webgpu.GPUBufferUsage;
import com.webdit.client.webgpu.GPUComputePipeline;
import com.webdit.client.webgpu.GPUDevice;
import elemental2.core.ArrayBufferView;
import elemental2.core.Float32Array;
import elemental2.core.JsArray;
import elemental2.core.Uint32Array;
import elemental2.core.Uint8Array;
import jsinterop.base.Js;

/**
 * A device plus the bookkeeping every kernel needs: buffer creation with byte accounting (the
 * engine's work profile reports it), uploads, bind groups, and the pipeline cache.
 */
public final class Gpu {
  public static final int STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  public static final int UNIFORM = GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;

  public final GPUDevice device;
  public final PipelineCache pipelines;
  /** The adapter is a software one (GpuContext.isSoftware): work profiles and the bench say so. */
  public final boolean softwareAdapter;
  private double bytesHeld;
  private double bytesUploaded;
  private GPUBuffer dummy;
  private boolean gone;

  public Gpu(GPUDevice device, boolean softwareAdapter) {
    this.device = device;
    this.softwareAdapter = softwareAdapter;
    this.pipelines = new PipelineCache(device);
    device.getLost().then(info -> {
      gone = true;
      return null;
    });
  }

  /**
   * Destroys the device. Unlike the lost promise, which settles in a later task, this marks
   * the device gone at once, so work done in slices (the engine build) stops at the next one.
   */
  public void destroy() {
    gone = true;
    device.destroy();
  }

  /** The device was destroyed or lost: nothing made on it from now on would work. */
  public boolean gone() {
    return gone;
  }

  public double bytesHeld() {
    return bytesHeld;
  }

  public double bytesUploaded() {
    return bytesUploaded;
  }

  /** A buffer of at least {@code bytes} (rounded up to 16), zero-filled by WebGPU. */
  public GPUBuffer buffer(String label, double bytes, int usage) {
    double size = Math.max(16, Math.ceil(bytes / 16) * 16);
    bytesHeld += size;
    return device.createBuffer(GPUBufferDescriptor.create(label, size, usage));
  }

  /** Destroys a buffer made by {@link #buffer} and takes it off the memory count. */
  public void release(GPUBuffer buffer) {
    bytesHeld -= buffer.getSize();
    buffer.destroy();
  }

  public GPUBuffer storage(String label, double bytes) {
    return buffer(label, bytes, STORAGE);
  }

  public GPUBuffer storage(String label, float[] values) {
    GPUBuffer b = storage(label, 4.0 * values.length);
    write(b, 0, floats(values));
    return b;
  }

  public GPUBuffer storageWords(String label, int[] words) {
    GPUBuffer b = storage(label, 4.0 * words.length);
    write(b, 0, words(words));
    return b;
  }

  /**
   * The bytes zero-padded to a whole number of u32 words, as writeBuffer takes them; one native
   * copy: a GWT byte[] is a JS array of numbers, which Uint8Array.set converts modulo 256, so -1
   * becomes 0xff.
   */
  public static Uint8Array bytes(byte[] bytes) {
    Uint8Array data = new Uint8Array((bytes.length + 3) / 4 * 4);
    JsArray<Double> values = Js.uncheckedCast(bytes);
    data.set(values);
    return data;
  }

  /** A uniform buffer holding u32 words (params structs are all u32 here). */
  public GPUBuffer uniformWords(String label, int... words) {
    GPUBuffer b = buffer(label, 4.0 * words.length, UNIFORM);
    write(b, 0, words(words));
    return b;
  }

  public void write(GPUBuffer buffer, double offset, ArrayBufferView data) {
    bytesUploaded += data.byteLength;
    device.getQueue().writeBuffer(buffer, offset, data);
  }

  /** A 16-byte storage buffer for bindings a kernel variant declares but never reads. */
  public GPUBuffer dummy() {
    if (dummy == null) {
      dummy = storage("unused", 16);
    }
    return dummy;
  }

  public GPUBindGroup bind(String label, GPUComputePipeline pipeline, GPUBuffer... buffers) {
    GPUBindGroupEntry[] entries = new GPUBindGroupEntry[buffers.length];
    for (int i = 0; i < buffers.length; i++) {
      entries[i] = GPUBindGroupEntry.buffer(i, buffers[i]);
    }
    return device.createBindGroup(GPUBindGroupDescriptor.create(label, pipeline.getBindGroupLayout(0), entries));
  }

  public static Float32Array floats(float[] values) {
    JsArray<Double> array = Js.uncheckedCast(values); // a GWT float[] is a JS array of numbers
    return new Float32Array(array);
  }

  public static Uint32Array words(int[] values) {
    Uint32Array out = new Uint32Array(values.length);
    for (int i = 0; i < values.length; i++) {
      out.setAt(i, (double) (values[i] & 0xFFFFFFFFL));
    }
    return out;
  }
}
