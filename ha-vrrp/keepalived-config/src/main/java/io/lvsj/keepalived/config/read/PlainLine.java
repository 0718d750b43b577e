package io.lvsj.keepalived.config.read;

import java.nio.charset.StandardCharsets;

/**
 * A physical line taken as bytes by {@link ConfigReader#skipPlain}: whether it is plain, and
 * if so the lines {@link ConfigReader#next} would make of it (stripped of blanks, split at
 * braces), given to the copy for the second pass, with the braces counted both as the reader
 * counts them and as the parser skipping a block does.
 *
 * <p>A plain line is ASCII without control characters (a tab aside), quotes, backslashes,
 * comments or definitions ({@code " \ # ! $}), with no {@code @}, {@code ~} or
 * {@code include} where it or a piece of it between braces starts (a conditional, a sequence,
 * an include), no {@code '}'} the reader would report as extra, and no longer than the 1,023
 * bytes keepalived reads at a time. For such a line the reader's work is only stripping
 * blanks and splitting at braces.
 */
final class PlainLine {
    private static final byte TEXT = 0;
    private static final byte BLANK = 1;
    private static final byte BRACE = 2;
    private static final byte NOT_PLAIN = 3;
    /** What each byte is to a plain line: one look-up a byte instead of a dozen comparisons. */
    private static final byte[] KINDS = new byte[256];
    private static final byte[] INCLUDE = "include".getBytes(StandardCharsets.ISO_8859_1);

    static {
        for (int c = 0; c < 256; c++) {
            KINDS[c] = c < 0x20 || c >= 0x80 ? NOT_PLAIN : TEXT;
        }
        for (char c : "\"\\#!$".toCharArray()) {
            KINDS[c] = NOT_PLAIN;
        }
        KINDS[' '] = BLANK;
        KINDS['\t'] = BLANK;
        KINDS['{'] = BRACE;
        KINDS['}'] = BRACE;
    }

    private int blockDepth;
    private String residue;
    /** The line read: its text without the blanks around it, {@code bytes[start..end)}. */
    private byte[] bytes;
    private int start;
    private int end;
    private boolean braces;
    private int level;

    /** @param blockDepth the reader's count of blocks open */
    PlainLine(int blockDepth) {
        this.blockDepth = blockDepth;
    }

    /**
     * Reads the physical line {@code bytes[from..to)} (its end-of-line characters left out) in
     * a block skipped at {@code level}: true when it is plain. Nothing is given yet.
     */
    boolean read(byte[] bytes, int from, int to, int level) {
        if (to - from > SourceFiles.CHUNK) {
            return false;
        }
        int first = -1;
        int last = -1;
        boolean braces = false;
        for (int i = from; i < to; i++) {
            byte kind = KINDS[bytes[i] & 0xff];
            if (kind == BLANK) {
                continue;
            }
            if (kind == NOT_PLAIN) {
                return false;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            braces |= kind == BRACE;
        }
        this.bytes = bytes;
        this.start = first < 0 ? from : first;
        this.end = first < 0 ? from : last + 1;
        this.braces = braces;
        this.level = level;
        if (!braces) {
            return start == end || !special(start);
        }
        return pieces(null, null, 0) >= 0;
    }

    /** Gives the lines of the line {@link #read} just accepted to {@code copy}; the level after them. */
    int give(ConfigCopy copy, String file, int lineNumber) {
        if (!braces) { // one line, or none for a blank one
            if (start < end) {
                copy.add(file, lineNumber, bytes, start, end);
            }
            return level;
        }
        return pieces(copy, file, lineNumber);
    }

    /** Whether the line just given gave the parser a line (a blank one gives none). */
    boolean gave() {
        return start < end;
    }

    /** The reader's count of blocks open after the lines given. */
    int blockDepth() {
        return blockDepth;
    }

    /** What is left of the last line given after the '}' that ended the skipped block, or null. */
    String residue() {
        return residue;
    }

    /**
     * The line split at braces as {@code ConfigReader.splitBraces} splits it, each piece
     * counted: the level after them, stopping at the '}' that brings it to 0 (the rest of
     * the line is then the residue), or -1 when a piece is not plain. With a {@code copy} the
     * pieces go there and the counts are kept.
     */
    private int pieces(ConfigCopy copy, String file, int lineNumber) {
        int level = this.level;
        int depth = blockDepth;
        int p = start;
        while (p < end) {
            byte c = bytes[p];
            int textEnd;
            int next;
            if (c == '{' || c == '}') {
                textEnd = p + 1;
                next = textEnd;
                while (next < end && KINDS[bytes[next] & 0xff] == BLANK) {
                    next++;
                }
                if (c == '{') {
                    depth++;
                    level++;
                } else if (depth < 1) {
                    return -1; // "Extra '}' found": next() reports it
                } else {
                    depth--;
                    level--;
                }
            } else {
                if (special(p)) {
                    return -1;
                }
                next = p;
                while (next < end && KINDS[bytes[next] & 0xff] != BRACE) {
                    next++;
                }
                textEnd = next;
                while (KINDS[bytes[textEnd - 1] & 0xff] == BLANK) {
                    textEnd--;
                }
            }
            if (copy != null) {
                copy.add(file, lineNumber, bytes, p, textEnd);
            }
            p = next;
            if (level == 0) {
                if (copy != null && p < end) {
                    residue = new String(bytes, p, end - p, StandardCharsets.ISO_8859_1);
                }
                break;
            }
        }
        if (copy != null) {
            blockDepth = depth;
        }
        return level;
    }

    /** A piece starting at {@code p} that the reader does more with: a conditional, a sequence, an include. */
    private boolean special(int p) {
        byte c = bytes[p];
        return c == '@' || c == '~' || (c == 'i' && startsWith(p, INCLUDE));
    }

    private boolean startsWith(int from, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
