package io.github.ndarray.modules;

import io.github.ndarray.Device;
import io.github.ndarray.ND;
import io.github.ndarray.cpu.blas.Blas;
import io.github.ndarray.spi.Backends;

/**
 * Run by {@link ModulePathTest} from the class path (the unnamed module) against the three modules
 * on the module path: prints what the module system made of their descriptors, one fact a line.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) {
        Module api = ND.class.getModule();
        Module cpu = ModuleLayer.boot().findModule("io.github.ndarray.cpu").orElseThrow();
        System.out.println("api=" + api.getName());
        System.out.println("broadcasting=" + api.getLayer().findModule("io.github.ndarray.broadcasting").isPresent());
        // The backend came from `provides`: a named module's META-INF/services is not read.
        System.out.println("sum=" + ND.arange(6).sum().getLong());
        System.out.println("spi to all=" + api.isExported("io.github.ndarray.spi"));
        System.out.println("spi to cpu=" + api.isExported("io.github.ndarray.spi", cpu));
        System.out.println("spi to the class path=" + api.isExported("io.github.ndarray.spi", ModulePathMain.class.getModule()));
        // This class compiled against the SPI on the class path; linking to it here must fail.
        try {
            System.out.println("spi call=" + Backends.find(Device.Type.CPU));
        } catch (IllegalAccessError e) {
            System.out.println("spi call=IllegalAccessError");
        }
        // `requires static`: read when the JVM was started with the module, absent (no failure) otherwise.
        System.out.println("vector api=" + ModuleLayer.boot().findModule("jdk.incubator.vector").map(cpu::canRead).orElse(false));
        System.out.println("blas=" + Blas.kind());
    }
}
