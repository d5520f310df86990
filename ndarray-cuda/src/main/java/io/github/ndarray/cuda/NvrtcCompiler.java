package io.github.ndarray.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NVRTC through FFM: CUDA C++ source compiled at run time into a CUBIN for one GPU architecture,
 * for the user kernels ({@link RawKernel}, {@link ElementwiseKernel}). The library is the
 * installed {@code libnvrtc.so.13}, then {@code .12}, or the file named by
 * {@code -Dndarray.cuda.nvrtc=/path/libnvrtc.so.13}, as {@link Cublas} finds cuBLAS. Compiling
 * needs no GPU, only the library.
 *
 * <p>Compiled images are cached on disk (CuPy's {@code cuda/compiler.py} does the same), under
 * {@code -Dndarray.cuda.kernelCache=DIR} or {@code ~/.cache/ndarray-java/kernels}: one file per
 * SHA-256 of (source, name, options, architecture, NVRTC version), named {@code HASH.cubin},
 * holding the CUBIN followed by the SHA-256 of the CUBIN, so that a truncated or damaged file is
 * recognised and compiled again. Files are written to a temporary name and renamed, so concurrent
 * JVMs never read half a file. A cache directory that cannot be written costs only the
 * compilation. Loaded modules are cached in memory per (device, hash) ({@link #module}).
 */
final class NvrtcCompiler {
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout A = ValueLayout.ADDRESS;
    private static final int DIGEST = 32;

    private static volatile NvrtcCompiler instance;
    private static volatile String problem;
    /** Loaded modules by device ordinal and key: the second kernel of one source reads no file. */
    private static final ConcurrentHashMap<String, Object> MODULES = new ConcurrentHashMap<>();

    private final String library;
    private final String version;
    private final MethodHandle createProgram;
    private final MethodHandle compileProgram;
    private final MethodHandle logSize;
    private final MethodHandle log;
    private final MethodHandle cubinSize;
    private final MethodHandle cubin;
    private final MethodHandle destroyProgram;
    private final MethodHandle errorString;
    /** Compilations run by NVRTC in this JVM (not answered by a cache): for the tests. */
    private final AtomicLong compilations = new AtomicLong();

    private NvrtcCompiler(SymbolLookup lib, String library) throws Throwable {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        MethodHandle versionH = linker.downcallHandle(lib.find("nvrtcVersion").orElseThrow(), FunctionDescriptor.of(I, A, A));
        createProgram = linker.downcallHandle(lib.find("nvrtcCreateProgram").orElseThrow(),
                FunctionDescriptor.of(I, A, A, A, I, A, A));
        compileProgram = linker.downcallHandle(lib.find("nvrtcCompileProgram").orElseThrow(),
                FunctionDescriptor.of(I, A, I, A));
        logSize = linker.downcallHandle(lib.find("nvrtcGetProgramLogSize").orElseThrow(), FunctionDescriptor.of(I, A, A));
        log = linker.downcallHandle(lib.find("nvrtcGetProgramLog").orElseThrow(), FunctionDescriptor.of(I, A, A));
        cubinSize = linker.downcallHandle(lib.find("nvrtcGetCUBINSize").orElseThrow(), FunctionDescriptor.of(I, A, A));
        cubin = linker.downcallHandle(lib.find("nvrtcGetCUBIN").orElseThrow(), FunctionDescriptor.of(I, A, A));
        destroyProgram = linker.downcallHandle(lib.find("nvrtcDestroyProgram").orElseThrow(), FunctionDescriptor.of(I, A));
        errorString = linker.downcallHandle(lib.find("nvrtcGetErrorString").orElseThrow(), FunctionDescriptor.of(A, I));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(I);
            MemorySegment minor = arena.allocate(I);
            check((int) versionH.invokeExact(major, minor), "nvrtcVersion");
            version = major.get(I, 0) + "." + minor.get(I, 0);
        }
    }

    /**
     * {@return the compiler, loaded on first use}
     *
     * @throws CudaException naming each library tried and why it failed, if none loads
     */
    static NvrtcCompiler get() {
        NvrtcCompiler c = instance;
        if (c != null) {
            return c;
        }
        synchronized (NvrtcCompiler.class) {
            if (instance == null && problem == null) {
                List<String> problems = new ArrayList<>();
                instance = load(problems);
                if (instance == null) {
                    problem = "NVRTC is unavailable (" + String.join("; ", problems)
                            + "): install the CUDA runtime compiler, or name it with -Dndarray.cuda.nvrtc=/path/libnvrtc.so.13";
                }
            }
            if (instance == null) {
                throw new CudaException(problem);
            }
            return instance;
        }
    }

    /** {@return why NVRTC cannot be loaded here, or {@code null}} */
    static String unavailableReason() {
        try {
            get();
            return null;
        } catch (CudaException e) {
            return e.getMessage();
        }
    }

    private static NvrtcCompiler load(List<String> problems) {
        return CudaLibrary.load("ndarray.cuda.nvrtc", List.of("libnvrtc.so.13", "libnvrtc.so.12"), NvrtcCompiler::new, problems);
    }

    String library() {
        return library;
    }

    /** {@return NVRTC's version, e.g. {@code 13.0}} */
    String version() {
        return version;
    }

    long compilations() {
        return compilations.get();
    }

    /**
     * The loaded module of a source on one device: from memory, else compiled (or read from the
     * disk cache) for the device's architecture and loaded.
     */
    static Object module(CudaDevice d, String source, String name, List<String> options) {
        NvrtcCompiler c = get();
        int arch = d.driver.computeCapability();
        String key = d.driver.ordinal() + ":" + c.key(source, name, options, arch);
        return MODULES.computeIfAbsent(key, k -> d.driver.loadModule(c.compile(source, name, options, arch)));
    }

    /**
     * Compiles {@code source} for {@code sm_<computeCapability>}, or reads the result of an earlier
     * compilation from the disk cache.
     *
     * @param source CUDA C++ source
     * @param name the program's name in NVRTC's messages (e.g. {@code my_kernel.cu})
     * @param options NVRTC options, besides {@code --gpu-architecture}, which this adds
     * @param computeCapability e.g. 90 for {@code sm_90}
     * @return the CUBIN
     * @throws CudaException with NVRTC's log if the source does not compile
     */
    byte[] compile(String source, String name, List<String> options, int computeCapability) {
        String key = key(source, name, options, computeCapability);
        Path dir = cacheDir();
        Path file = dir == null ? null : dir.resolve(key + ".cubin");
        byte[] cached = file == null ? null : read(file);
        if (cached != null) {
            return cached;
        }
        byte[] image = nvrtc(source, name, options, computeCapability);
        if (file != null) {
            write(dir, file, image);
        }
        return image;
    }

    /** {@return the SHA-256 hex of everything the CUBIN depends on} */
    String key(String source, String name, List<String> options, int computeCapability) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> parts = new ArrayList<>();
            parts.add(source);
            parts.add(name);
            parts.add(String.valueOf(options.size()));
            parts.addAll(options);
            parts.add(arch(computeCapability));
            parts.add("nvrtc " + version);
            for (String p : parts) {
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                md.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(b.length).array());
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String arch(int computeCapability) {
        return "--gpu-architecture=sm_" + computeCapability;
    }

    /** {@return the cache directory, or {@code null} if the property names none usable} */
    static Path cacheDir() {
        String p = System.getProperty("ndarray.cuda.kernelCache");
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".cache", "ndarray-java", "kernels");
    }

    /** {@return the CUBIN of a cache file, or {@code null} if it is missing or damaged} */
    private static byte[] read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        if (all.length <= DIGEST) {
            return null;
        }
        byte[] image = Arrays.copyOf(all, all.length - DIGEST);
        byte[] digest = Arrays.copyOfRange(all, all.length - DIGEST, all.length);
        return MessageDigest.isEqual(sha256(image), digest) ? image : null;
    }

    /** Writes a cache file atomically; any failure leaves the cache as it was. */
    private static void write(Path dir, Path file, byte[] image) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            byte[] all = Arrays.copyOf(image, image.length + DIGEST);
            System.arraycopy(sha256(image), 0, all, image.length, DIGEST);
            Files.write(tmp, all);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            System.getLogger(NvrtcCompiler.class.getName()).log(System.Logger.Level.DEBUG,
                    "kernel cache " + dir + " is not writable: " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in the cache is harmless
                }
            }
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One NVRTC compilation: create, compile, read the log or the CUBIN, destroy. */
    private byte[] nvrtc(String source, String name, List<String> options, int computeCapability) {
        compilations.incrementAndGet();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment prog = arena.allocate(A);
            check((int) createProgram.invokeExact(prog, arena.allocateFrom(source), arena.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment handle = prog.get(A, 0);
            try {
                List<String> all = new ArrayList<>();
                all.add(arch(computeCapability));
                all.addAll(options);
                MemorySegment opts = arena.allocate(A, all.size());
                for (int i = 0; i < all.size(); i++) {
                    opts.setAtIndex(A, i, arena.allocateFrom(all.get(i)));
                }
                int rc = (int) compileProgram.invokeExact(handle, all.size(), opts);
                String text = log(arena, handle);
                if (rc != 0) {
                    throw new CudaException(name + " did not compile (" + error(rc) + ", options " + all
                            + ", NVRTC " + version + "):\n" + text);
                }
                MemorySegment size = arena.allocate(J);
                check((int) cubinSize.invokeExact(handle, size), "nvrtcGetCUBINSize");
                MemorySegment buf = arena.allocate(Math.max(1, size.get(J, 0)));
                check((int) cubin.invokeExact(handle, buf), "nvrtcGetCUBIN");
                return buf.asSlice(0, size.get(J, 0)).toArray(ValueLayout.JAVA_BYTE);
            } finally {
                check((int) destroyProgram.invokeExact(prog), "nvrtcDestroyProgram");
            }
        } catch (CudaException e) {
            throw e;
        } catch (Throwable e) {
            throw new CudaException("NVRTC call failed: " + e);
        }
    }

    private String log(Arena arena, MemorySegment handle) throws Throwable {
        MemorySegment size = arena.allocate(J);
        check((int) logSize.invokeExact(handle, size), "nvrtcGetProgramLogSize");
        long n = size.get(J, 0);
        if (n <= 1) {
            return "";
        }
        MemorySegment buf = arena.allocate(n);
        check((int) log.invokeExact(handle, buf), "nvrtcGetProgramLog");
        return buf.getString(0);
    }

    private String error(int rc) {
        try {
            MemorySegment s = (MemorySegment) errorString.invokeExact(rc);
            return s.equals(MemorySegment.NULL) ? "nvrtcResult " + rc : s.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "nvrtcResult " + rc;
        }
    }

    private void check(int rc, String call) {
        if (rc != 0) {
            throw new CudaException(call + " failed: " + error(rc) + " (" + rc + ")");
        }
    }
}
