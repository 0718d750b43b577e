package io.lvsj.keepalived.config.dump;

import java.util.List;

/**
 * Writing words so that keepalived's splitters read them back unchanged: plain words as they
 * are, words with spaces or special characters in double quotes, and commands in the two-level
 * quoting keepalived's script keywords use.
 */
public final class Words {
    private Words() {
    }

    private static boolean plain(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c == '"' || c == '\'' || c == '#' || c == '!' || c == '{' || c == '}' || c == '\\' || c == '$'
                    || c == '@' && i == 0 || c == '~' && i == 0) {
                return false;
            }
        }
        return true;
    }

    /** A value word for {@code alloc_strvec}: quoted when it must be (it cannot hold a double quote). */
    public static String word(String value) {
        return plain(value) ? value : "\"" + value + "\"";
    }

    /**
     * A command for the script keywords: the words quoted and escaped for the inner split,
     * then the whole escaped again and put in double quotes for the outer one. Quote
     * characters are written as {@code \x22} and {@code \x27} so the plain splitter, which
     * knows no escapes, never sees them.
     */
    public static String command(List<String> words) {
        if (words.size() == 1 && plain(words.getFirst())) {
            return words.getFirst();
        }
        StringBuilder inner = new StringBuilder();
        for (String w : words) {
            if (!inner.isEmpty()) {
                inner.append(' ');
            }
            inner.append(escape(w));
        }
        StringBuilder outer = new StringBuilder("\"");
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                outer.append("\\\\");
            } else {
                outer.append(c);
            }
        }
        return outer.append('"').toString();
    }

    private static String escape(String word) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\x22");
                case '\'' -> s.append("\\x27");
                case ' ' -> s.append("\\ ");
                case '\t' -> s.append("\\t");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '$' -> s.append("\\x24");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        s.append(String.format("\\x%02x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
