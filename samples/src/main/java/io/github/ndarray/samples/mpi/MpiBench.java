package io.github.ndarray.samples.mpi;

import io.github.ndarray.mpi.Mpi;
import java.util.Arrays;

/**
 * The MPI samples behind one entry point, like {@code python -m mpi4py.bench <command>}:
 * {@code helloworld}, {@code ringtest} (mpi4py.bench's options and output), {@code pingpong}.
 * Run under a launcher with {@code scripts/mpi/run.sh -n 4 helloworld} (docs/mpi.md).
 */
public final class MpiBench {
    private MpiBench() {
    }

    /**
     * @param args the command, then its options
     */
    public static void main(String[] args) {
        Mpi.run(args, a -> {
            if (a.length == 0) {
                throw new IllegalArgumentException("usage: MpiBench helloworld|ringtest|pingpong [options]");
            }
            String[] rest = Arrays.copyOfRange(a, 1, a.length);
            switch (a[0]) {
                case "helloworld" -> HelloWorld.run(Mpi.world(), rest);
                case "ringtest" -> RingTest.run(Mpi.world(), rest);
                case "pingpong" -> PingPong.run(Mpi.world(), rest);
                default -> throw new IllegalArgumentException("unknown command '" + a[0]
                        + "' (helloworld, ringtest, pingpong)");
            }
        });
    }
}
