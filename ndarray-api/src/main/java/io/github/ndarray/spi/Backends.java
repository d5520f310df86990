package io.github.ndarray.spi;

import io.github.ndarray.Device;
import io.github.ndarray.DeviceUnavailableException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the backends with {@link ServiceLoader}, once: on the class path by their
 * {@code META-INF/services} entry, on the module path by their module's {@code provides}. When several
 * backends serve one device type, the one with the highest {@link Backend#priority()} wins.
 */
public final class Backends {
    private static final Map<Device.Type, Backend> BY_TYPE = load();

    private Backends() {
    }

    private static Map<Device.Type, Backend> load() {
        Map<Device.Type, Backend> map = new EnumMap<>(Device.Type.class);
        for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
            Backend old = map.get(b.deviceType());
            if (old == null || b.priority() > old.priority()) {
                map.put(b.deviceType(), b);
            }
        }
        return map;
    }

    /**
     * The backend serving a device type.
     *
     * @param type the device type
     * @return the backend, or {@code null} if none is on the classpath
     */
    public static Backend find(Device.Type type) {
        return BY_TYPE.get(type);
    }

    /**
     * The backend for a device, which must be usable.
     *
     * @param device the device
     * @return its backend
     * @throws DeviceUnavailableException if no usable backend serves it
     */
    public static Backend of(Device device) {
        Backend b = BY_TYPE.get(device.type());
        if (b == null) {
            throw new DeviceUnavailableException("no backend for " + device + " on the classpath"
                    + (device.type() == Device.Type.CPU ? " (add the artifact io.github.ndarray:ndarray-cpu)" : " (add the artifact io.github.ndarray:ndarray-cuda)"));
        }
        String why = b.unavailableReason();
        if (why != null) {
            throw new DeviceUnavailableException(device + " is unavailable: " + why);
        }
        return b;
    }

    /** {@return all backends found, for runtime information} */
    public static List<Backend> all() {
        return List.copyOf(BY_TYPE.values());
    }
}
