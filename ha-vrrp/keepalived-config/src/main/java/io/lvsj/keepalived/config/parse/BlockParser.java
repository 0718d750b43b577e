package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.read.ConfigLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Walks configuration lines through a {@link Grammar}: keywords call their handlers, blocks
 * descend into their keywords, unknown keywords are reported and skipped, inactive blocks are
 * skipped whole. This is keepalived's {@code process_stream}, {@code alloc_value_block} and
 * {@code skip_block}, with their quirks (a missing '{' is reported but the block is parsed
 * anyway; a value block takes every line up to a '}' as data).
 *
 * <p>One deliberate difference: a block keyword whose handler refused it ({@link #skipBlock}
 * from the handler, e.g. {@code vrrp_instance} without a name) has no block at all when no
 * '{' follows, and its close handler never runs. keepalived parses the lines after it as the
 * refused block's body, into an instance that was never created or into the previous one,
 * and crashes or corrupts that one (issue 12); here they are read at the level above.
 */
final class BlockParser {
    private static final String OPEN = "{";
    private static final String CLOSE = "}";
    private static final List<String> OPEN_WORDS = List.of(OPEN);
    private static final List<String> CLOSE_WORDS = List.of(CLOSE);

    /**
     * Where the lines come from. A source may also take the lines of a skipped block that
     * need no words in bulk (the first pass's reader does: see {@code ConfigReader.skipPlain}).
     */
    interface Lines extends Supplier<ConfigLine> {
        /**
         * Takes lines of a block being skipped at {@code level} as this parser would skip
         * them one by one, as many as it can; the level after them.
         */
        default int skip(int level) {
            return level;
        }

        /** Where the last line {@link #skip} took came from; null when it took none. */
        default Location skipped() {
            return null;
        }
    }

    private final Lines lines;
    private final Diagnostics diagnostics;
    private int skipLevel;
    private int depth;
    /** Set by {@link #skipBlock}: the handler just run refused its keyword. */
    private boolean skipRequested;
    /** A line read ahead that belongs to the level above (after a refused block without '{'). */
    private ConfigLine pushedBack;
    /** Where the last line read came from. */
    private Location current = Location.NONE;
    /** The line that closed the block whose close handler is running, else null. */
    private Location closing;

    BlockParser(Supplier<ConfigLine> lines, Diagnostics diagnostics) {
        this.lines = lines instanceof Lines l ? l : lines::get;
        this.diagnostics = diagnostics;
    }

    void parse(Grammar grammar) {
        depth = 0;
        skipLevel = 0;
        pushedBack = null;
        process(grammar.roots(), false, false);
    }

    /** From a handler: skip the rest of this keyword's block ({@code skip_block}). */
    void skipBlock(boolean needBlockStart) {
        skipLevel = needBlockStart ? -1 : 1;
        skipRequested = true;
    }

    private ConfigLine next() {
        ConfigLine line = pushedBack;
        if (line != null) {
            pushedBack = null;
        } else {
            line = lines.get();
        }
        if (line != null) {
            current = line.location();
        }
        return line;
    }

    /** Where the last line read came from. */
    Location current() {
        return current;
    }

    /** While a close handler runs: the line that closed its block (see {@link ParseContext#report}). */
    Location closing() {
        return closing;
    }

    private Statement statement(ConfigLine line) {
        String text = line.text();
        if (text.length() == 1 && (text.charAt(0) == '{' || text.charAt(0) == '}')) {
            // a third of the lines: their one word, shared (no handler ever gets these lists)
            return new Statement(line.location(), text.charAt(0) == '{' ? OPEN_WORDS : CLOSE_WORDS, text);
        }
        return new Statement(line.location(), Words.split(text, line.location(), diagnostics), text);
    }

    /**
     * Returns true when the block was skipped (its close handler must not run). A
     * {@code refused} block is skipped whatever follows: with its '{' to the matching '}',
     * without one not at all, the line after it going back to the level above.
     */
    private boolean process(Map<String, Keyword> keywords, boolean needOpen, boolean refused) {
        while (true) {
            if (skipLevel > 0 && pushedBack == null) {
                skipLevel = lines.skip(skipLevel);
                Location skipped = lines.skipped();
                if (skipped != null) {
                    current = skipped;
                }
                if (skipLevel == 0) {
                    if (depth > 0) {
                        return true;
                    }
                    continue;
                }
            }
            ConfigLine line = next();
            if (line == null) {
                break;
            }
            if (skipLevel > 0 && line.text().indexOf('"') < 0) {
                // a skipped block only counts braces: without quotes (whose errors splitting
                // reports) no words need be made (the first pass skips every block but
                // global_defs, a million lines for 100,000 virtual servers)
                skipLevel = Words.skipBraces(line.text(), skipLevel);
                if (skipLevel == 0 && depth > 0) {
                    return true;
                }
                continue;
            }
            Statement st = statement(line);
            if (st.words().isEmpty()) {
                continue;
            }
            String first = st.words().getFirst();
            if (skipLevel == -1) {
                if (first.equals(OPEN)) {
                    skipLevel = 1;
                    needOpen = false;
                    continue;
                }
                skipLevel = 0;
                if (refused) {
                    pushedBack = line;
                    return true;
                }
            }
            if (skipLevel != 0) {
                String last = first;
                for (String word : st.words()) {
                    last = word;
                    if (word.equals(OPEN)) {
                        skipLevel++;
                    } else if (word.equals(CLOSE) && --skipLevel == 0) {
                        break;
                    }
                }
                if (last.equals(CLOSE) && skipLevel == 0 && depth > 0) {
                    return true;
                }
                continue;
            }
            if (needOpen) {
                needOpen = false;
                if (first.equals(OPEN) && depth > 0) {
                    continue;
                }
                diagnostics.report(st.location(), Severity.MISSING_BLOCK_START, "Missing '{' at beginning of configuration block");
            } else if (first.equals(OPEN)) {
                diagnostics.report(st.location(), Severity.UNEXPECTED_BLOCK_START, "Unexpected '{' - ignoring");
                continue;
            }
            if (first.equals(CLOSE) && depth > 0) {
                return false;
            }
            Keyword keyword = keywords.get(first);
            if (keyword == null) {
                diagnostics.report(st.location(), Severity.UNKNOWN_KEYWORD, "Unknown keyword '" + first + "'");
                continue;
            }
            boolean endsWithOpen = st.words().getLast().equals(OPEN);
            if (!keyword.active) {
                skipLevel = endsWithOpen ? 1 : -1;
            }
            boolean blockNeedsOpen = false;
            if (keyword.isBlock()) {
                if (endsWithOpen) {
                    st = new Statement(st.location(), st.words().subList(0, st.size() - 1), st.line());
                } else {
                    blockNeedsOpen = true;
                }
            }
            skipRequested = false;
            if (keyword.active && keyword.handler != null) {
                keyword.handler.accept(st);
            }
            boolean refusedBlock = keyword.active && keyword.isBlock() && skipRequested && skipLevel == -1;
            if (keyword.isBlock()) {
                depth++;
                boolean skipped = process(keyword.block(), blockNeedsOpen, refusedBlock);
                depth--;
                if (!skipped && keyword.active && keyword.onClose != null) {
                    closing = current;
                    try {
                        keyword.onClose.run();
                    } finally {
                        closing = null;
                    }
                }
            }
        }
        return refused;
    }

    /**
     * The data lines of a value block ({@code virtual_ipaddress { ... }}): every line up to the
     * closing '}' (keepalived's {@code alloc_value_block}); nothing inside is a keyword.
     */
    List<Statement> valueBlock(Statement opener) {
        boolean needOpen = true;
        if (opener.size() > 1) {
            if (opener.word(1).equals(OPEN)) {
                needOpen = false;
            } else {
                diagnostics.report(opener.location(), Severity.GENERAL,
                        "Block " + opener.word(0) + " has extra parameters " + opener.word(1) + " ...");
            }
        }
        List<Statement> out = new ArrayList<>();
        ConfigLine line;
        while ((line = next()) != null) {
            Statement st = statement(line);
            List<String> words = st.words();
            if (words.isEmpty()) {
                continue;
            }
            if (needOpen) {
                needOpen = false;
                if (words.getFirst().equals(OPEN)) {
                    if (words.size() == 1) {
                        continue;
                    }
                    words = words.subList(1, words.size());
                } else {
                    diagnostics.report(st.location(), Severity.NOTE, "'{' missing from beginning of block " + opener.word(0));
                }
            }
            boolean closed = false;
            if (words.getLast().equals(CLOSE)) {
                if (words.size() == 1) {
                    break;
                }
                closed = true;
                words = words.subList(0, words.size() - 1);
            }
            if (!words.isEmpty()) {
                out.add(new Statement(st.location(), List.copyOf(words), st.line()));
            }
            if (closed) {
                break;
            }
        }
        return out;
    }

    /** All the words of a value block, or an empty list ({@code read_value_block}). */
    List<String> valueWords(Statement opener) {
        List<String> words = new ArrayList<>();
        for (Statement st : valueBlock(opener)) {
            words.addAll(st.words());
        }
        return words;
    }

    static Location at(Statement st) {
        return st.location();
    }
}
