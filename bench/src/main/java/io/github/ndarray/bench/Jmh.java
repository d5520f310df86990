package io.github.ndarray.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * JMH's {@code Main} behind {@code exec:exec}: {@code -Dbench.args} arrives as one string,
 * which this splits on whitespace.
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests exec:exec -Dbench.main=io.github.ndarray.bench.Jmh -Dbench.args="VectorizationVsLoop -prof gc"
 * </pre>
 */
public final class Jmh {
    private Jmh() {
    }

    /**
     * Runs JMH.
     *
     * @param args JMH's options, possibly as one string
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(splitArgs(args).toArray(String[]::new));
    }

    /**
     * Splits every argument on whitespace and drops a lone {@code --} (the pom's empty default).
     *
     * @param args the arguments
     * @return the words
     */
    static List<String> splitArgs(String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            for (String w : a.trim().split("\\s+")) {
                if (!w.isEmpty() && !w.equals("--")) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
