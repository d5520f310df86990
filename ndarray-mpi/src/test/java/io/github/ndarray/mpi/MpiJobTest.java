package io.github.ndarray.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.mpi.MpiJobs.Launcher;
import io.github.ndarray.mpi.MpiJobs.Result;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MPI for real: jobs of {@link CommJob} under Open MPI's and MPICH's launchers with 1 (no
 * launcher: a singleton), 2, 3 and 4 ranks, every operation on every dtype checked against the
 * single-process answer inside the job; a rank that throws ends the job; calls after finalize
 * throw; a library that does not match the launcher is an error at init.
 */
class MpiJobTest {
    private static final Pattern PASSED = Pattern.compile("rank (\\d+)/(\\d+): (\\d+) checks passed \\((.*)\\)");

    @ParameterizedTest(name = "{0} with {1} ranks")
    @CsvSource({"OPEN_MPI, 0", "OPEN_MPI, 2", "OPEN_MPI, 3", "OPEN_MPI, 4", "MPICH, 0", "MPICH, 2", "MPICH, 3",
        "MPICH, 4"})
    void everyOperationOnEveryDtypeMatchesOneProcess(Launcher launcher, int ranks) throws Exception {
        launcher.assumeInstalled();
        // Without a launcher, the library is the one the launcher would have chosen.
        List<String> options = ranks == 0 && launcher == Launcher.MPICH
                ? List.of("-Dndarray.mpi.library=libmpich.so.12") : List.of();
        Result r = MpiJobs.run(launcher, ranks, options, CommJob.class, "comm");
        assertEquals(0, r.exit(), r.out());
        int expectedRanks = Math.max(ranks, 1);
        Matcher m = PASSED.matcher(r.out());
        boolean[] seen = new boolean[expectedRanks];
        while (m.find()) {
            assertEquals(expectedRanks, Integer.parseInt(m.group(2)), r.out());
            assertTrue(Integer.parseInt(m.group(3)) > 200, r.out());
            assertTrue(m.group(4).contains(launcher == Launcher.OPEN_MPI ? "Open MPI ABI" : "MPICH ABI"), m.group(4));
            seen[Integer.parseInt(m.group(1))] = true;
        }
        for (int i = 0; i < expectedRanks; i++) {
            assertTrue(seen[i], "rank " + i + " did not report:\n" + r.out());
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"OPEN_MPI, throw", "OPEN_MPI, throw-with-thread", "MPICH, throw", "MPICH, throw-with-thread"})
    void aRankThatThrowsEndsTheJob(Launcher launcher, String scenario) throws Exception {
        launcher.assumeInstalled();
        Result r = MpiJobs.run(launcher, 3, List.of(), CommJob.class, scenario);
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("rank 2/3: uncaught java.lang.IllegalStateException: deliberate failure on rank 2"),
                r.out());
        assertTrue(!r.out().contains("passed a collective without the failed rank"), r.out());
        // Seconds, not the outer timeout (90 s): ~2 s on an idle machine, more on a loaded one.
        assertTrue(r.seconds() < 45, "the job took " + r.seconds() + " s");
    }

    @ParameterizedTest
    @EnumSource(Launcher.class)
    void everyCallAfterFinalizeThrows(Launcher launcher) throws Exception {
        launcher.assumeInstalled();
        Result r = MpiJobs.run(launcher, 2, List.of(), CommJob.class, "after-finalize");
        assertEquals(0, r.exit(), r.out());
        for (int rank = 0; rank < 2; rank++) {
            assertTrue(r.out().contains("rank " + rank + ": after finalize: MPI is finalized"), r.out());
        }
    }

    @ParameterizedTest
    @CsvSource({"MPICH, libmpi.so.40", "OPEN_MPI, libmpich.so.12"})
    void aLibraryOfAnotherMpiThanTheLauncherIsAnErrorAtInit(Launcher launcher, String library) throws Exception {
        launcher.assumeInstalled();
        Launcher.OPEN_MPI.assumeInstalled();
        Launcher.MPICH.assumeInstalled();
        Result r = MpiJobs.run(launcher, 2, List.of("-Dndarray.mpi.library=" + library), CommJob.class, "comm");
        assertNotEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("the launcher started 2 processes but MPI_COMM_WORLD has 1"), r.out());
    }
}
