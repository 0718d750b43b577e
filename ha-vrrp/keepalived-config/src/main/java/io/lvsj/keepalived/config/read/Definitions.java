package io.lvsj.keepalived.config.read;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code $NAME=value} definitions and their expansion ({@code $NAME}, {@code ${NAME}},
 * {@code ${_RANDOM 1 10}}), as keepalived's {@code check_definition}, {@code find_definition}
 * and {@code replace_param} do them. Expansion happens where a name is used, and again on the
 * text it produced, so definitions may refer to definitions.
 *
 * <p>A multi-line definition's value holds its lines separated by {@code '\n'}; expanding it
 * puts the first line in place and hands the rest back as {@link Expansion#rest}, for the
 * reader to return as lines of their own. keepalived only expands a multi-line definition
 * that ends its line.
 */
final class Definitions {
    /** keepalived's line buffer; an expansion that would not fit is refused. */
    static final int MAX_LINE = 1024;
    /** Expansions of one line before we call it a loop (keepalived would spin forever). */
    private static final int MAX_EXPANSIONS = 10_000;

    static final class Definition {
        final String name;
        String value;
        boolean multiline;
        /** Standard definitions compute their value when used, from their parameters (or null). */
        Function<String, String> function;
        final boolean takesParameters;
        String parameters;

        Definition(String name, String value, boolean multiline, Function<String, String> function, boolean takesParameters) {
            this.name = name;
            this.value = value;
            this.multiline = multiline;
            this.function = function;
            this.takesParameters = takesParameters;
        }
    }

    /** The outcome of expanding one line. */
    record Expansion(String line, boolean replaced, String rest, boolean tooLong, boolean looped) {
    }

    private final List<Definition> definitions = new ArrayList<>();

    void addStandard(String name, String value, Function<String, String> function, boolean takesParameters) {
        definitions.add(new Definition(name, value, false, function, takesParameters));
    }

    /** Sets a plain definition (used by {@code ~SEQ} and {@code ~LST} for their variables). */
    void set(String name, String value) {
        Definition d = find(name, name.length(), false, null);
        if (d != null) {
            d.value = value;
            d.function = null;
            return;
        }
        definitions.add(new Definition(name, value, false, null, false));
    }

    /**
     * If {@code line} is {@code $NAME=value}, records it and returns the definition; a value
     * ending in a backslash starts a multi-line definition, whose next lines the caller
     * appends with {@link #appendLine}.
     */
    Definition define(String line) {
        if (line.length() < 2 || line.charAt(0) != '$') {
            return null;
        }
        char first = line.charAt(1);
        if (!isLetter(first) && first != '_') {
            return null;
        }
        int p = 2;
        while (p < line.length() && line.charAt(p) != '=') {
            char c = line.charAt(p);
            if (!isNameChar(c)) {
                return null;
            }
            p++;
        }
        if (p >= line.length()) {
            return null;
        }
        String name = line.substring(1, p);
        p++;
        while (p < line.length() && Decomment.isBlank(line.charAt(p))) {
            p++;
        }
        String value = line.substring(p);
        boolean multiline = false;
        if (value.endsWith("\\")) {
            int len = value.length();
            while (len >= 2 && Decomment.isBlank(value.charAt(len - 2))) {
                len--;
            }
            value = len < 2 ? "" : value.substring(0, len - 1) + "\n";
            multiline = true;
        }
        Definition d = findForDefinition(name);
        if (d == null) {
            d = new Definition(name, value, multiline, null, false);
            definitions.add(d);
        } else {
            d.value = value;
            d.function = null;
            d.multiline = multiline;
        }
        return d;
    }

    /**
     * Adds a continuation line to a multi-line definition; returns false when this line ends
     * it (it has no trailing backslash).
     */
    static boolean appendLine(Definition d, String line) {
        boolean continues;
        String text;
        if (line.endsWith("\\")) {
            int len = line.length() - 1;
            while (len >= 1 && Decomment.isBlank(line.charAt(len - 1))) {
                len--;
            }
            text = line.substring(0, len) + "\n";
            continues = true;
        } else {
            text = line;
            continues = false;
            if (d.value.isEmpty()) {
                d.multiline = false;
            }
        }
        if (text.length() >= 2 || (!text.isEmpty() && !continues)) {
            d.value = d.value + text;
        }
        return continues;
    }

    /** Ends a multi-line definition at a blank line. */
    static void endAtBlankLine(Definition d) {
        if (d.value.isEmpty()) {
            d.multiline = false;
        }
    }

    /**
     * Expands the definitions used in {@code line}. {@code rest} is the remainder of a
     * multi-line expansion in progress (or null); {@code onMultiline} is told when a
     * multi-line definition starts expanding with an outer one still pending.
     */
    Expansion expand(String line, String rest, MultilineListener onMultiline) {
        StringBuilder buf = new StringBuilder(line);
        boolean found = false;
        String nextRest = rest;
        String multilineRest = rest;
        int cur = 0;
        int expansions = 0;
        while ((cur = buf.indexOf("$", cur)) >= 0 && cur + 1 < buf.length()) {
            Use use = findUse(buf, cur + 1);
            if (use == null) {
                cur++;
                continue;
            }
            if (++expansions > MAX_EXPANSIONS) {
                return new Expansion(buf.toString(), false, rest, false, true);
            }
            Definition d = use.definition();
            found = true;
            nextRest = multilineRest;
            if (d.multiline) {
                onMultiline.startingMultiline(multilineRest);
            }
            if (d.function != null) {
                d.value = d.function.apply(d.parameters);
            }
            String replacement;
            if (d.multiline) {
                int nl = d.value.indexOf('\n');
                replacement = nl < 0 ? d.value : d.value.substring(0, nl);
                nextRest = nl < 0 ? "" : d.value.substring(nl + 1);
                multilineRest = nextRest;
            } else {
                replacement = d.value;
            }
            if (buf.length() + replacement.length() - (use.end() - cur) >= MAX_LINE) {
                return new Expansion(buf.toString(), false, rest, true, false);
            }
            buf.replace(cur, use.end(), replacement);
            if (startsWithTilde(d.value)) {
                break;
            }
        }
        return new Expansion(buf.toString(), found, found ? nextRest : rest, false, false);
    }

    /** Told before a multi-line definition is expanded, with the outer expansion still to finish. */
    interface MultilineListener {
        void startingMultiline(String pendingRest);
    }

    /** A definition used in a line, and where the use ends (exclusive). */
    private record Use(Definition definition, int end) {
    }

    /** find_definition for a use at {@code at} (just after the '$'). */
    private Use findUse(StringBuilder buf, int at) {
        boolean braces = buf.charAt(at) == '{';
        int nameStart = braces ? at + 1 : at;
        if (nameStart >= buf.length()) {
            return null;
        }
        char first = buf.charAt(nameStart);
        if (!isLetter(first) && first != '_') {
            return null;
        }
        int p = nameStart + 1;
        while (p < buf.length() && isNameChar(buf.charAt(p))) {
            p++;
        }
        int len = p - nameStart;
        String parameters = null;
        int end;
        if (braces) {
            int paramStart = -1;
            int paramEnd = -1;
            while (p < buf.length() && (buf.charAt(p) == ' ' || isDigit(buf.charAt(p)))) {
                if (buf.charAt(p) != ' ') {
                    if (paramStart < 0) {
                        paramStart = p;
                    }
                    paramEnd = p;
                }
                p++;
            }
            if (paramStart >= 0 && paramEnd + 1 != p) {
                return null;
            }
            if (p >= buf.length() || buf.charAt(p) != '}') {
                return null;
            }
            if (paramStart >= 0) {
                parameters = buf.substring(paramStart, paramEnd + 1);
            }
            end = p + 1;
        } else {
            if (p < buf.length()) {
                char c = buf.charAt(p);
                if (c != ' ' && c != '\t' && c != ',' && c != ')') {
                    return null;
                }
            }
            end = p;
        }
        boolean allowMultiline = braces ? nameStart + len + 1 >= buf.length() : nameStart + len >= buf.length();
        Definition d = find(buf.substring(nameStart, nameStart + len), len, allowMultiline, parameters);
        return d == null ? null : new Use(d, end);
    }

    private Definition find(String name, int len, boolean allowMultiline, String parameters) {
        for (Definition d : definitions) {
            if (d.name.length() == len && (allowMultiline || !d.multiline) && d.name.equals(name)) {
                if (parameters != null && !d.takesParameters) {
                    return null;
                }
                d.parameters = parameters;
                return d;
            }
        }
        return null;
    }

    private Definition findForDefinition(String name) {
        for (Definition d : definitions) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static boolean startsWithTilde(String value) {
        int i = 0;
        while (i < value.length() && Decomment.isBlank(value.charAt(i))) {
            i++;
        }
        return i < value.length() && value.charAt(i) == '~';
    }

    // C's isalpha/isalnum/isdigit in the C locale: ASCII only.
    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
