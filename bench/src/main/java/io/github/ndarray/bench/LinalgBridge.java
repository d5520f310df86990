package io.github.ndarray.bench;

import io.github.ndarray.NDArray;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Finds {@code io.github.ndarray.Linalg}'s functions at run time, so that this module builds
 * and runs before that class exists and picks its functions up once it does.
 */
public final class LinalgBridge {
    /** The class that holds {@code solve}, {@code norm}, ... once it lands. */
    public static final String CLASS = "io.github.ndarray.Linalg";

    private LinalgBridge() {
    }

    /**
     * A public static method {@code name} of {@link #CLASS} taking {@code arity} arrays,
     * adapted to {@code (NDArray...)Object}.
     *
     * @param name e.g. {@code solve}
     * @param arity the number of array arguments
     * @return the handle, or {@code null} when the class or the method is missing
     */
    public static MethodHandle find(String name, int arity) {
        Class<?> c;
        try {
            c = Class.forName(CLASS);
        } catch (ClassNotFoundException e) {
            return null;
        }
        Method best = null;
        for (Method m : c.getMethods()) {
            if (!m.getName().equals(name) || !Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != arity
                    || m.getReturnType() == void.class) {
                continue;
            }
            boolean fits = true;
            boolean exact = true;
            for (Class<?> p : m.getParameterTypes()) {
                fits &= p.isAssignableFrom(NDArray.class);
                exact &= p == NDArray.class;
            }
            if (fits && (best == null || exact)) {
                best = m;
            }
        }
        if (best == null) {
            return null;
        }
        try {
            MethodHandle h = MethodHandles.publicLookup().unreflect(best);
            Class<?>[] params = new Class<?>[arity];
            java.util.Arrays.fill(params, NDArray.class);
            return h.asType(MethodType.methodType(Object.class, params));
        } catch (IllegalAccessException e) {
            return null;
        }
    }
}
