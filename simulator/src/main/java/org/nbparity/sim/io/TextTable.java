package org.nbparity.sim.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nbparity.sim.clib.CNum;
import org.nbparity.sim.clib.UsageException;

/**
 * Upstream's read_text_file (setup.md H10), used for {@code -sourcefile} (5 columns) and the
 * stol file (2 columns), with its tokenising quirks (quirk Q23): comment lines become zero
 * records, and a last line without a newline or a CRLF line gets 0.0, not NaN, in its missing
 * columns.
 */
public final class TextTable {
    private TextTable() {
    }

    private static final String DELIM = " \t,;:!";
    private static final String NUMBER = "0123456789-+.EGeg";

    /**
     * Reads {@code ncols} columns; entries that were never assigned are NaN.
     *
     * @param source the flag and file name as typed, for the error on a literal nan/inf entry
     *               (upstream reads it as it is; no column has a meaning for it)
     * @return one array per column, each as long as the number of non-blank lines
     * @throws IOException when the file cannot be read
     */
    public static double[][] read(Path file, int ncols, String source) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        List<String> records = new ArrayList<>();
        for (String l : lines) {
            String tok = l.substring(span(l, 0, DELIM, true));
            if (tok.equals("\n")) {
                continue; // blank line
            }
            records.add(l);
        }
        double[][] cols = new double[ncols][records.size()];
        for (double[] col : cols) {
            Arrays.fill(col, Double.NaN);
        }
        for (int line = 0; line < records.size(); line++) {
            String l = records.get(line);
            int p = span(l, 0, DELIM, true);
            int i = 0;
            while (true) {
                double v = CNum.atof(l.substring(p));
                if (!Double.isFinite(v)) {
                    throw new UsageException(source + " record " + (line + 1) + ": not a finite number");
                }
                cols[i][line] = v;
                p = span(l, p, NUMBER, true);
                if (l.substring(p).equals("\n")) break;
                p = span(l, p, DELIM, false);
                p = span(l, p, DELIM, true);
                if (l.substring(p).equals("\n")) break;
                ++i;
                if (i >= ncols) break;
                if (l.substring(p).equals("\n")) break;
            }
        }
        return cols;
    }

    /** strspn (inSet) or strcspn (!inSet) from position p; returns the new position. */
    private static int span(String s, int p, String set, boolean inSet) {
        while (p < s.length() && (set.indexOf(s.charAt(p)) >= 0) == inSet) {
            p++;
        }
        return p;
    }
}
