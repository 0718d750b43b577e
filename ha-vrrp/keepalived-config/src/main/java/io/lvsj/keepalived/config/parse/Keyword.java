package io.lvsj.keepalived.config.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A keyword of the grammar: its handler, and for a block keyword the keywords allowed inside
 * and what to do when the block closes. An inactive keyword (one another of keepalived's
 * processes owns) is recognised but its whole block is skipped.
 */
final class Keyword {
    final String name;
    final Consumer<Statement> handler;
    final boolean active;
    private Map<String, Keyword> block;
    Runnable onClose;

    Keyword(String name, Consumer<Statement> handler, boolean active) {
        this.name = name;
        this.handler = handler;
        this.active = active;
    }

    boolean isBlock() {
        return block != null;
    }

    Map<String, Keyword> block() {
        return block;
    }

    /**
     * Adds a keyword inside this one's block, making this a block keyword. Inactive keywords
     * get no block: keepalived skips their text without knowing what is inside.
     */
    Keyword add(String name, Consumer<Statement> handler) {
        Keyword child = new Keyword(name, handler, true);
        if (!active) {
            return child;
        }
        if (block == null) {
            block = new LinkedHashMap<>();
        }
        block.putIfAbsent(name, child);
        return child;
    }

    /** Marks this as a block keyword with nothing known inside (every line is unknown). */
    Keyword emptyBlock() {
        if (active && block == null) {
            block = new LinkedHashMap<>();
        }
        return this;
    }

    Keyword onClose(Runnable action) {
        this.onClose = action;
        return this;
    }
}
