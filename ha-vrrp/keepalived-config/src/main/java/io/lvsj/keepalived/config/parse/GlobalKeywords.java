package io.lvsj.keepalived.config.parse;

import java.util.function.Consumer;

/**
 * What the classes filling in {@code global_defs} share: the draft they write, and the shape
 * of keepalived's switch keywords.
 */
abstract class GlobalKeywords {
    /** Linux real-time scheduling priorities ({@code SCHED_RR}). */
    static final int SCHED_RR_MAX = 99;
    static final int SCHED_RR_MIN = 1;

    final ParseContext ctx;
    final GlobalDraft g;

    GlobalKeywords(ParseContext ctx) {
        this.ctx = ctx;
        this.g = ctx.global;
    }

    static void kw(Keyword block, String name, Consumer<Statement> handler) {
        block.add(name, handler);
    }

    /** A switch that is on without a value, or takes on/off/true/false/yes/no. */
    void bool(Keyword block, String name, String invalid, Consumer<Boolean> set) {
        block.add(name, st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, invalid.formatted(st.word(1)));
                return;
            }
            set.accept(res == 1);
        });
    }
}
