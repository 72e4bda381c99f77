package com.webdit.client.engine;

import com.webdit.client.kernels.GpuUnavailableException;
import com.webdit.client.webgpu.GPU;
import com.webdit.client.webgpu.GPUAdapter;
import com.webdit.client.webgpu.GPUAdapterInfo;
import com.webdit.client.webgpu.GPUDevice;
import com.webdit.client.webgpu.GPUDeviceDescriptor;
import com.webdit.client.webgpu.GPURequestAdapterOptions;
import com.webdit.client.webgpu.GPUUncapturedErrorEvent;
import elemental2.dom.DomGlobal;
import elemental2.promise.Promise;
import jsinterop.base.Js;

/**
 * An adapter and its device, found once. Every way of failing (no navigator.gpu, no adapter,
 * requestDevice rejected, device lost, an uncaptured GPU error) ends in one {@link FailureListener}
 * so one place decides what the visitor sees.
 */
public final class GpuContext {
  /** Receives every GPU failure after startup (device lost, uncaptured errors). */
  public interface FailureListener {
    void onFailure(GpuUnavailableException failure);
  }

  public final GPUAdapter adapter;
  public final GPUDevice device;
  public final boolean shaderF16;

  private GpuContext(GPUAdapter adapter, GPUDevice device, boolean shaderF16) {
    this.adapter = adapter;
    this.device = device;
    this.shaderF16 = shaderF16;
  }

  /** navigator.gpu, or null where the browser has no WebGPU. */
  static GPU navigatorGpu() {
    Object gpu = Js.asPropertyMap(DomGlobal.navigator).get("gpu");
    return gpu == null ? null : Js.uncheckedCast(gpu);
  }

  public static Promise<GpuContext> create(FailureListener onLaterFailure) {
    GPU gpu = navigatorGpu();
    if (gpu == null) {
      return Promise.reject(new GpuUnavailableException("no-webgpu",
          "This browser has no WebGPU (navigator.gpu is missing). Use a current Chrome, Edge or Safari, "
              + "or Firefox with WebGPU enabled; WebGPU also needs a secure context (https or localhost)."));
    }
    return gpu.requestAdapter(GPURequestAdapterOptions.highPerformance()).then(adapter -> {
      if (adapter == null) {
        return Promise.reject(new GpuUnavailableException("no-adapter",
            "WebGPU is present but found no usable GPU adapter (blocklisted driver, or GPU access disabled)."));
      }
      boolean f16 = adapter.getFeatures().has("shader-f16");
      GPUDeviceDescriptor desc = f16 ? GPUDeviceDescriptor.create("webdit", "shader-f16") : GPUDeviceDescriptor.create("webdit");
      return adapter.requestDevice(desc).then(device -> {
        GpuContext ctx = new GpuContext(adapter, device, f16);
        device.getLost().then(info -> {
          onLaterFailure.onFailure(new GpuUnavailableException("device-lost",
              "The GPU device was lost (" + info.getReason() + "): " + info.getMessage()));
          return null;
        });
        device.addEventListener("uncapturederror", e -> {
          GPUUncapturedErrorEvent ev = Js.uncheckedCast(e);
          onLaterFailure.onFailure(new GpuUnavailableException("gpu-error", "GPU error: " + ev.getError().getMessage()));
        });
        return Promise.resolve(ctx);
      }, error -> Promise.reject(new GpuUnavailableException("device-failed",
          "The GPU adapter refused to create a device: " + String.valueOf(error))));
    });
  }

  /**
   * Whether this adapter is a CPU emulating a GPU: the browser says so (isFallbackAdapter, on
   * the adapter info in current browsers and on the adapter itself in older ones), or its name
   * is one of the software rasterisers (SwiftShader, llvmpipe/lavapipe, softpipe, WARP / Microsoft
   * Basic Render Driver). On such an adapter one favicon costs a CPU core for tens of seconds.
   */
  public boolean isSoftware() {
    if (Js.isTruthy(Js.asPropertyMap(adapter).get("isFallbackAdapter"))) {
      return true;
    }
    GPUAdapterInfo info = adapter.getInfo();
    if (info == null) {
      return false;
    }
    if (Js.isTruthy(Js.asPropertyMap(info).get("isFallbackAdapter"))) {
      return true;
    }
    String text = describeAdapter().toLowerCase();
    for (String name : new String[] {"swiftshader", "llvmpipe", "lavapipe", "softpipe", "warp", "basic render"}) {
      if (text.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** What the demo shows: the adapter's description, and plainly whether it is a software one. */
  public String label() {
    return describeAdapter() + (isSoftware() ? " (a software adapter: your CPU emulating a GPU, so slow)" : "")
        + (shaderF16 ? " (shader-f16)" : " (no shader-f16)");
  }

  /** A one-line description of the adapter, from what the browser reveals. */
  public String describeAdapter() {
    GPUAdapterInfo info = adapter.getInfo();
    if (info == null) {
      return "(adapter info not exposed)";
    }
    StringBuilder sb = new StringBuilder();
    append(sb, info.getVendor());
    append(sb, info.getArchitecture());
    append(sb, info.getDevice());
    append(sb, info.getDescription());
    return sb.length() == 0 ? "(adapter info hidden by the browser)" : sb.toString();
  }

  private static void append(StringBuilder sb, String part) {
    if (part != null && !part.isEmpty()) {
      if (sb.length() > 0) {
        sb.append(" / ");
      }
      sb.append(part);
    }
  }
}
