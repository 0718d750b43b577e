package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;

import java.util.ArrayList;
import java.util.List;

/** Splitting a line into words, the two ways keepalived does it. */
final class Words {
    private Words() {
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /**
     * keepalived's {@code alloc_strvec_r}: words separated by white space; a word starting
     * with a double quote runs to the next double quote, which are removed. An unmatched quote
     * is an error and ends the line.
     */
    static List<String> split(String line, Location at, Diagnostics diagnostics) {
        List<String> words = new ArrayList<>(4); // most lines are a keyword and a value or two
        int p = 0;
        int n = line.length();
        // each char read once: charAt is not cheap before C2 (a million lines are read with C1)
        char c = 0;
        while (true) {
            while (p < n && isSpace(c = line.charAt(p))) {
                p++;
            }
            if (p >= n) {
                break;
            }
            if (c == '"') {
                int close = line.indexOf('"', p + 1);
                if (close < 0) {
                    diagnostics.report(at, Severity.UNMATCHED_QUOTE, "Unmatched quote: '" + line + "'");
                    break;
                }
                words.add(line.substring(p + 1, close));
                p = close + 1;
            } else {
                int start = p;
                p++;
                while (p < n && !isSpace(c = line.charAt(p)) && c != '"') {
                    p++;
                }
                words.add(line.substring(start, p));
            }
        }
        return words;
    }

    /**
     * The nesting level after a line inside a skipped block, as splitting it and counting its
     * '{' and '}' words would give, stopping at the '}' that brings the level to 0. For a line
     * without double quotes only (a quote changes where words end and may be an error).
     */
    static int skipBraces(String line, int level) {
        int p = 0;
        int n = line.length();
        while (p < n) {
            while (p < n && isSpace(line.charAt(p))) {
                p++;
            }
            int start = p;
            while (p < n && !isSpace(line.charAt(p))) {
                p++;
            }
            if (p - start == 1) {
                char c = line.charAt(start);
                if (c == '{') {
                    level++;
                } else if (c == '}' && --level == 0) {
                    return 0;
                }
            }
        }
        return level;
    }

    /**
     * keepalived's {@code alloc_strvec_quoted_escaped}, used for commands: single and double
     * quotes group words, and backslash escapes ({@code \n \t \x41 \101 \cC} ...) are decoded.
     * Returns null when the line cannot be split (an unmatched quote is reported as an error).
     */
    static List<String> splitQuotedEscaped(String line, Location at, Diagnostics diagnostics) {
        List<String> words = new ArrayList<>();
        int p = 0;
        int n = line.length();
        char quote = 0;
        while (p < n) {
            while (p < n && isSpace(line.charAt(p))) {
                p++;
            }
            if (p >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            while (p < n) {
                char c = line.charAt(p);
                if (c == '\\') {
                    p++;
                    if (p >= n) {
                        diagnostics.report(at, Severity.NOTE, "Missing escape char at end: '" + line + "'");
                        return null;
                    }
                    c = line.charAt(p);
                    if (c == 'x' && p + 1 < n && Character.digit(line.charAt(p + 1), 16) >= 0) {
                        int value = 0;
                        p++;
                        while (p < n && Character.digit(line.charAt(p), 16) >= 0) {
                            value = (value << 4) | Character.digit(line.charAt(p), 16);
                            p++;
                        }
                        word.append((char) (value & 0xff));
                    } else if (c == 'c' && p + 1 < n) {
                        word.append((char) (line.charAt(p + 1) & 0x1f));
                        p += 2;
                    } else if (c >= '0' && c <= '7') {
                        int value = c - '0';
                        p++;
                        for (int k = 0; k < 2 && p < n && line.charAt(p) >= '0' && line.charAt(p) <= '7'; k++) {
                            value = (value << 3) + (line.charAt(p) - '0');
                            p++;
                        }
                        word.append((char) (value & 0xff));
                    } else {
                        word.append(switch (c) {
                            case 'a' -> (char) 7;
                            case 'b' -> '\b';
                            case 'E' -> (char) 0x1b;
                            case 'f' -> '\f';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'v' -> (char) 0x0b;
                            default -> c;
                        });
                        p++;
                    }
                    continue;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                        p++;
                    } else {
                        word.append(c);
                        p++;
                    }
                    continue;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    p++;
                    continue;
                }
                if (isSpace(c)) {
                    break;
                }
                word.append(c);
                p++;
            }
            if (quote != 0 && p >= n) {
                diagnostics.report(at, Severity.UNMATCHED_QUOTE, "String '" + line + "': missing terminating " + quote);
                return null;
            }
            words.add(word.toString());
        }
        return words.isEmpty() ? null : words;
    }
}
