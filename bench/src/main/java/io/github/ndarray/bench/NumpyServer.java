package io.github.ndarray.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * NumPy's side of an interleaved comparison: {@code scripts/bench_numpy.py --serve} kept running,
 * asked for one workload at a time, so that NumPy's and our timings of a workload are taken
 * minutes apart at most, not one library's whole run after the other's.
 */
final class NumpyServer implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private NumpyServer(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Starts the script; its progress and errors go to this process's stderr.
     *
     * @param command {@code python3 bench_numpy.py ... --serve}
     * @param numpyThreads OpenBLAS's thread count for NumPy, or {@code null} for its default
     */
    static NumpyServer start(List<String> command, String numpyThreads) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (numpyThreads != null) {
            pb.environment().put("OPENBLAS_NUM_THREADS", numpyThreads);
            pb.environment().put("OMP_NUM_THREADS", numpyThreads);
        }
        return new NumpyServer(pb.start());
    }

    /**
     * Times one workload with NumPy.
     *
     * @return the script's CSV record: id, status, seconds, samples, inner, digest, note
     * @throws IOException if the script died (its exit status is in the message; 3: no NumPy)
     */
    List<String> time(String workloadId) throws IOException {
        in.write(workloadId + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("bench_numpy.py --serve ended" + exitStatus());
        }
        return Report.parseCsv(line).get(0);
    }

    private String exitStatus() {
        try {
            return " (exit " + process.waitFor() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
