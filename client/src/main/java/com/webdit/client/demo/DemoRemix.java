package com.webdit.client.demo;

import com.webdit.client.runtime.IconImage;
import com.webdit.shared.product.Limits;
import elemental2.dom.Blob;
import elemental2.dom.ClipboardEvent;
import elemental2.dom.DataTransferItem;
import elemental2.dom.DomGlobal;
import elemental2.dom.DragEvent;
import java.util.function.BooleanSupplier;
import jsinterop.base.Js;

/**
 * The demo's remix source: a picked file, an image dropped on the preview, or one pasted anywhere
 * on the page, read at the model's size. Taken only while the GPU draws ({@code onGpu}): the
 * server draws plain favicons.
 */
final class DemoRemix {
  private final DemoPage page;
  private final BooleanSupplier onGpu;
  private final Runnable changed;
  private float[] image;

  /** changed: runs after a new source is shown (the demo draws a remix at once). */
  DemoRemix(DemoPage page, BooleanSupplier onGpu, Runnable changed) {
    this.page = page;
    this.onGpu = onGpu;
    this.changed = changed;
    page.remixFile.addEventListener("change", e -> {
      if (page.remixFile.files.length > 0) {
        use(page.remixFile.files.item(0));
      }
    });
    page.remixClear.addEventListener("click", e -> {
      image = null;
      page.showRemixSource(null, Limits.ICON_SIZE);
    });
    page.preview.addEventListener("dragover", e -> {
      if (onGpu.getAsBoolean()) {
        e.preventDefault(); // allows the drop
        page.preview.classList.add("dropping");
      }
    });
    page.preview.addEventListener("dragleave", e -> page.preview.classList.remove("dropping"));
    page.preview.addEventListener("drop", e -> {
      e.preventDefault();
      page.preview.classList.remove("dropping");
      DragEvent drop = Js.uncheckedCast(e);
      if (onGpu.getAsBoolean() && drop.dataTransfer != null && drop.dataTransfer.files.length > 0) {
        use(drop.dataTransfer.files.item(0));
      }
    });
    DomGlobal.document.addEventListener("paste", e -> {
      ClipboardEvent paste = Js.uncheckedCast(e);
      if (!onGpu.getAsBoolean() || paste.clipboardData == null) {
        return;
      }
      for (int i = 0; i < paste.clipboardData.items.length; i++) {
        DataTransferItem item = paste.clipboardData.items.getAt(i);
        if (item.type != null && item.type.startsWith("image/")) {
          use(item.getAsFile());
          return;
        }
      }
    });
  }

  /** The source as the model's start image, or null: plain generation. */
  float[] image() {
    return image;
  }

  private void use(Blob blob) {
    IconImage.fromBlob(blob, Limits.ICON_SIZE).then(read -> {
      image = read;
      page.showRemixSource(read, Limits.ICON_SIZE);
      page.showStatus("ok", "Remixing your icon at strength " + page.strengthValue() + ": each seed is a variation.");
      changed.run();
      return null;
    }, error -> {
      page.showStatus("error", "That image cannot be remixed: " + (error instanceof Throwable t ? t.getMessage()
          : String.valueOf(error)));
      return null;
    });
  }
}
