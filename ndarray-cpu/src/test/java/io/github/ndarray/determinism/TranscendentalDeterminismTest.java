package io.github.ndarray.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ndarray.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The same transcendental ufunc on the same input gives the same bits in every JIT tier, on every
 * thread and thread count, in every layout (DESIGN.md, issue 13). Each JVM is fresh, so its first
 * call of each ufunc runs the Vector API's Java fallback in the interpreter: the case that gave
 * {@code exp} 1-ulp differences when the compiled loops called SVML.
 */
class TranscendentalDeterminismTest {

    @Test
    void everyTranscendentalGivesTheSameBitsColdWarmOnEveryThreadAndInEveryJitTier() throws Exception {
        Map<String, String> tiered = run(List.of(), 90_000, true);
        Map<String, String> c1Only = run(List.of("-XX:TieredStopAtLevel=1"), 20_000, true);
        Map<String, String> interpreted = run(List.of("-Xint"), TranscendentalBitsMain.PREFIX, false);
        assertFalse(tiered.isEmpty());
        assertEquals(tiered, c1Only, "C2 against C1 only");
        assertEquals(tiered, interpreted, "C2 against the interpreter");
    }

    /** Runs the child with these JIT flags: {@return its digests by "ufunc dtype"}, failing on any mismatch inside it. */
    private static Map<String, String> run(List<String> flags, int n, boolean warm) throws Exception {
        List<String> args = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED"));
        args.addAll(flags);
        args.addAll(List.of("-cp", System.getProperty("java.class.path"), TranscendentalBitsMain.class.getName(),
                Integer.toString(n)));
        if (warm) {
            args.add("warm");
        }
        ChildJvm.Result r = ChildJvm.run(args);
        String where = "child JVM " + flags + ":\n" + r.out() + r.err();
        assertEquals(0, r.exit(), where);
        assertTrue(r.out().contains("DONE"), where);
        List<String> mismatches = r.out().lines().filter(l -> l.startsWith("MISMATCH")).toList();
        assertTrue(mismatches.isEmpty(), flags + ":\n" + String.join("\n", mismatches));
        Map<String, String> digests = new TreeMap<>();
        r.out().lines().filter(l -> l.startsWith("DIGEST ")).map(l -> l.split(" "))
                .forEach(p -> digests.put(p[1] + " " + p[2], p[3]));
        return digests;
    }
}
