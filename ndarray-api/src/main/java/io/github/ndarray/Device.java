package io.github.ndarray;

import io.github.ndarray.spi.Backend;
import io.github.ndarray.spi.Backends;

/**
 * Where an array's memory lives: the host ({@link #cpu()}) or a CUDA GPU ({@link #cuda()}).
 *
 * {@snippet :
 * NDArray a = ND.arange(6);                 // on Device.cpu()
 * if (Device.isCudaAvailable()) {
 *     NDArray g = a.to(Device.cuda());      // copy to GPU 0
 * }
 * }
 */
public final class Device {
    /** Kinds of device. */
    public enum Type {
        /** The host: off-heap memory, computed by the CPU backend. */
        CPU,
        /** An NVIDIA GPU, computed by the CUDA backend. */
        CUDA
    }

    private static final Device CPU = new Device(Type.CPU, 0);

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    /** {@return the host device} */
    public static Device cpu() {
        return CPU;
    }

    /**
     * The first CUDA device.
     *
     * @return {@code cuda:0}
     * @throws DeviceUnavailableException saying why, if no usable GPU backend is present
     */
    public static Device cuda() {
        return cuda(0);
    }

    /**
     * A CUDA device by ordinal.
     *
     * @param index the device ordinal, from 0
     * @return the device
     * @throws DeviceUnavailableException saying why, if no usable GPU backend is present
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static Device cuda(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative CUDA device index: " + index);
        }
        String why = cudaUnavailableReason();
        if (why != null) {
            throw new DeviceUnavailableException("CUDA is unavailable: " + why);
        }
        return new Device(Type.CUDA, index);
    }

    /** {@return whether a usable CUDA backend and GPU are present} */
    public static boolean isCudaAvailable() {
        return cudaUnavailableReason() == null;
    }

    /** {@return why CUDA cannot be used, or {@code null} if it can} */
    public static String cudaUnavailableReason() {
        Backend b = Backends.find(Type.CUDA);
        if (b == null) {
            return "no CUDA backend on the classpath (add the artifact io.github.ndarray:ndarray-cuda)";
        }
        return b.unavailableReason();
    }

    /** {@return the kind of device} */
    public Type type() {
        return type;
    }

    /** {@return the device ordinal (0 for the host)} */
    public int index() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.type == type && d.index == index;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + index;
    }

    /** {@return {@code cpu} or {@code cuda:N}} */
    @Override
    public String toString() {
        return type == Type.CPU ? "cpu" : "cuda:" + index;
    }
}
