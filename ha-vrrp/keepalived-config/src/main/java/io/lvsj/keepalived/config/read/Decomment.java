package io.lvsj.keepalived.config.read;

/**
 * Strips a physical line the way keepalived's {@code decomment()} does: leading and trailing
 * blanks go, a {@code #} or {@code !} outside double quotes starts a comment, {@code \#} and
 * {@code \!} outside quotes stand for the characters themselves, and a line ending in a
 * backslash keeps it (a continuation, for multi-line definitions) even when the backslash was
 * inside the comment.
 */
final class Decomment {
    private Decomment() {
    }

    /**
     * The stripped line, and whether its double quotes were unbalanced; {@code beforeStripping},
     * for the message about those, is the line without its leading blanks as keepalived
     * prints it (only that message uses it).
     */
    record Result(String text, boolean unterminatedQuote, String beforeStripping) {
    }

    static Result apply(String line) {
        Result plain = plain(line);
        return plain != null ? plain : inFull(line);
    }

    /** Every line goes this way but those {@link #plain} takes. */
    static Result inFull(String line) {
        StringBuilder s = new StringBuilder(stripLeading(line));
        String beforeStripping;
        boolean quote = false;
        boolean continuation = false;
        int skip = -1;
        int p = 0;
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '"') {
                if (skip < 0) {
                    quote = !quote;
                }
                p++;
            } else if (c == '\\') {
                if (p + 1 < s.length()) {
                    char next = s.charAt(p + 1);
                    if (!quote && (next == '#' || next == '!')) {
                        s.deleteCharAt(p);
                        p++;
                    } else {
                        p += 2;
                    }
                } else {
                    s.setLength(p);
                    continuation = true;
                    break;
                }
            } else if (!quote && skip < 0 && (c == '!' || c == '#')) {
                skip = p;
                p++;
            } else {
                p++;
            }
        }
        beforeStripping = s.toString();
        if (skip >= 0) {
            s.setLength(skip);
        }
        int end = s.length();
        while (end > 0 && isBlank(s.charAt(end - 1))) {
            end--;
        }
        s.setLength(end);
        if (continuation) {
            s.append('\\');
        }
        return new Result(s.toString(), quote, beforeStripping);
    }

    /**
     * Most lines have no quote, backslash or comment: those are just stripped of their blanks,
     * with one copy instead of three (a configuration can be a million lines). Null for the rest.
     */
    private static Result plain(String line) {
        int n = line.length();
        int start = 0;
        while (start < n && isBlank(line.charAt(start))) {
            start++;
        }
        for (int i = start; i < n; i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\\' || c == '#' || c == '!') {
                return null;
            }
        }
        int end = n;
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        String text = line.substring(start, end);
        return new Result(text, false, text);
    }

    static String stripLeading(String line) {
        int i = 0;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return line.substring(i);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
