package dev.steadfast.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One section of a Markdown file that a script owns, between its two marker comments (such as
 * {@code <!-- startup:begin -->} and {@code <!-- startup:end -->}): what the benchmarks that are not JMH runs write
 * into {@code RESULTS.md}, leaving everything else in the file as it is.
 */
public final class Sections {

    private Sections() {
    }

    /**
     * Replaces the section from {@code begin} to {@code end} in {@code file} with {@code section} (which carries the
     * markers itself), or appends it after a blank line when the file has none; the rest of the file is kept. A file
     * that does not exist is created.
     */
    public static void write(Path file, String begin, String end, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        String updated;
        if (from >= 0 && to > from) {
            updated = text.substring(0, from) + section + text.substring(to + end.length()).replaceFirst("^\n", "");
        } else {
            updated = text + (text.endsWith("\n\n") || text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n")
                    + section;
        }
        Files.writeString(file, updated);
    }
}
