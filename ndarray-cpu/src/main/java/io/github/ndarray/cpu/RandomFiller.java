package io.github.ndarray.cpu;

import io.github.ndarray.NDArray;
import io.github.ndarray.spi.RandomFill;
import java.lang.foreign.MemorySegment;

/**
 * The CPU backend's {@link io.github.ndarray.spi.Backend#fillRandom}: the array is cut into
 * {@link Parallel} chunks and each thread fills its own elements in place. Elements are pure
 * functions of their index ({@link RandomFill}), so the bits are the same for any thread count
 * and wherever the chunk edges fall (even inside a Philox block). All but float32 uniforms compute a
 * vector of blocks at a time ({@link PhiloxLanes}).
 */
final class RandomFiller {
    /**
     * Elements per chunk worth a thread: one element costs ~1-20 ns (a share of a Philox block,
     * plus a log per pair for normals), so a chunk is some 20-300 µs, well above the pool's
     * handoff of ~1 µs.
     */
    static final long GRAIN = 1 << 14;

    private RandomFiller() {
    }

    static void fill(RandomFill spec, NDArray out) {
        MemorySegment seg = CpuBackend.segment(out.storage());
        long offset = out.elementOffset();
        boolean lanes = Kernels.VECTOR_API && PhiloxLanes.handles(spec);
        Parallel.forRange(out.size(), GRAIN, (start, end) -> {
            if (lanes) {
                PhiloxLanes.fill(spec, seg, offset + start, start, end);
            } else {
                spec.fill(seg, offset + start, start, end);
            }
        });
        CpuBackend.keepAlive(new NDArray[] {out});
    }
}
