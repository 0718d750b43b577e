package io.lvsj.keepalived.config.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The root keywords of one parsing pass. */
final class Grammar {
    private final Map<String, Keyword> roots = new LinkedHashMap<>();

    Keyword root(String name, Consumer<Statement> handler, boolean active) {
        Keyword k = new Keyword(name, handler, active);
        roots.putIfAbsent(name, k);
        return k;
    }

    Map<String, Keyword> roots() {
        return roots;
    }
}
