package io.lvsj.ipvsadm.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code ipvsadm -R}'s input into command lines as ipvsadm 1.31's
 * {@code config_stream_read} does: words are separated by spaces, tabs and carriage returns, a
 * line ends at a newline, every word {@code ipvsadm} is dropped, and a last line that ends in
 * two or more blanks without a newline is lost (ipvsadm's reader gives up at end of input
 * while skipping blanks). There is no quoting. A NUL byte ends its word, as a C string ends.
 *
 * <p>One deliberate difference: a word starting with {@code #} starts a comment that runs to
 * the end of the line. ipvsadm has no comments (its check can never match), so a {@code #}
 * line makes it stop with "Try `ipvsadm -h'"; its own {@code ipvsadm-restore} script strips
 * such lines with grep first.
 */
public final class RestoreReader {
    private static final int MAX_WORD = 4096;

    /**
     * One input line.
     *
     * @param number its 1-based line number in the input
     * @param words  the program name followed by the line's words
     */
    public record Line(int number, String[] words) {
        /** Whether the line holds no command (ipvsadm skips those). */
        public boolean isEmpty() {
            return words.length <= 1;
        }
    }

    private final String input;
    private final String program;
    private int position;
    private int lineNumber;

    /** @param input the whole input, one char per byte */
    public RestoreReader(String input, String program) {
        this.input = input;
        this.program = program;
    }

    /** The next line, or {@code null} at the end of the input. */
    public Line next() {
        List<String> words = new ArrayList<>();
        words.add(program);
        int count = 0;
        lineNumber++;
        boolean comment = false;
        while (position < input.length()) {
            char c = input.charAt(position);
            if (isBlank(c)) {
                // fscanf matched no word: skip blanks up to the end of the line
                while (true) {
                    if (position >= input.length()) {
                        return null;
                    }
                    char skipped = input.charAt(position++);
                    if (skipped == '\n') {
                        return new Line(lineNumber, words.toArray(new String[0]));
                    }
                    if (!isBlank(skipped)) {
                        position--;
                        break;
                    }
                }
                continue;
            }
            int start = position;
            while (position < input.length() && position - start < MAX_WORD && !isBlank(input.charAt(position))) {
                position++;
            }
            String word = cString(input.substring(start, position));
            if (word.startsWith("#")) {
                comment = true;
            }
            if (!comment && !word.equals("ipvsadm")) {
                count++;
                words.add(word);
            }
            if (position < input.length() && isBlank(input.charAt(position))) {
                if (input.charAt(position++) == '\n') {
                    return new Line(lineNumber, words.toArray(new String[0]));
                }
            }
        }
        return count == 0 ? null : new Line(lineNumber, words.toArray(new String[0]));
    }

    /**
     * A word as C sees it: ipvsadm's scanf copies a NUL byte into the word like any other, but
     * every use of the word (strcmp, strdup, the option parser) stops at the first NUL.
     */
    private static String cString(String word) {
        int nul = word.indexOf('\0');
        return nul < 0 ? word : word.substring(0, nul);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
