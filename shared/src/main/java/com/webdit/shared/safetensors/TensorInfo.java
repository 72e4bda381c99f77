package com.webdit.shared.safetensors;

/** One header entry: where a tensor's bytes lie, relative to the start of the data section. */
public record TensorInfo(String name, DType dtype, int[] shape, int begin, int end) {
  public int elements() {
    return elementCount(shape);
  }

  public String shapeString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    return sb.append(']').toString();
  }

  static int elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new SafeTensorsException("tensor shape has more than 2^31 elements");
      }
    }
    return (int) n;
  }
}
