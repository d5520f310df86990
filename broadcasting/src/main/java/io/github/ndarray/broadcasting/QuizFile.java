package io.github.ndarray.broadcasting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the quiz's text format: one question per line, tab-separated columns {@code id},
 * {@code question}, {@code answer} and an optional {@code message} (NumPy's error message);
 * lines starting with {@code #} and blank lines are skipped. {@code quiz.tsv}'s header says more.
 */
final class QuizFile {
    /** The generated questions, a resource beside this class. */
    static final String RESOURCE = "quiz.tsv";

    /** One line of the file: a question and, for an error, NumPy's message ("" if not given). */
    record Row(QuizQuestion question, String numpyMessage) {
    }

    private QuizFile() {
    }

    /** Reads rows; a malformed line throws IllegalArgumentException naming {@code source} and the line. */
    static List<Row> read(Reader reader, String source) throws IOException {
        List<Row> rows = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                rows.add(row(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** Reads the generated questions that ship with this module. */
    static List<Row> readResource() {
        InputStream stream = QuizFile.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("the quiz resource " + RESOURCE + " is missing from the classpath");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(reader, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the quiz resource " + RESOURCE, e);
        }
    }

    private static Row row(String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length < 3 || cols.length > 4) {
            throw new IllegalArgumentException("expected 3 or 4 tab-separated columns (id, question, answer[, message]),"
                    + " found " + cols.length);
        }
        QuizQuestion q = QuizQuestion.of(cols[0], cols[1], cols[2]);
        String message = cols.length == 4 ? cols[3].strip() : "";
        if (q.broadcasts() && !message.isEmpty()) {
            throw new IllegalArgumentException("an error message on a question whose answer is a shape");
        }
        return new Row(q, message);
    }
}
