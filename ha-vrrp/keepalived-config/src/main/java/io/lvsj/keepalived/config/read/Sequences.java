package io.lvsj.keepalived.config.read;

import io.lvsj.text.CNumber;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ~SEQ(var, start, step, end)} and {@code ~LST(var, v1, v2, ...)}: the rest of the line
 * is produced once per value with {@code $var} defined to it. Sequences nest: a line produced
 * by one may start another, which runs to its end before the outer one moves on (keepalived's
 * {@code add_seq}, {@code add_lst} and the sequence branch of {@code read_line}).
 */
final class Sequences {

    /** One active sequence or list. */
    private static final class Sequence {
        final List<String> variables;
        final List<List<String>> valueSets; // for ~LST; null for ~SEQ
        final String text;
        long next;
        final long step;
        final long last;
        final boolean hex;
        int nextSet;

        Sequence(String variable, long start, long step, long last, boolean hex, String text) {
            this.variables = List.of(variable);
            this.valueSets = null;
            this.next = start;
            this.step = step;
            this.last = last;
            this.hex = hex;
            this.text = text;
        }

        Sequence(List<String> variables, List<List<String>> valueSets, String text) {
            this.variables = variables;
            this.valueSets = valueSets;
            this.text = text;
            this.step = 0;
            this.last = 0;
            this.hex = false;
        }
    }

    /** Why a {@code ~SEQ} or {@code ~LST} line was refused, as keepalived words it; null when accepted. */
    private final List<Sequence> active = new ArrayList<>();

    int count() {
        return active.size();
    }

    boolean isEmpty() {
        return active.isEmpty();
    }

    /**
     * Produces the next line of the innermost sequence, defining its variables first, and
     * drops the sequence when that was its last value.
     */
    String next(Definitions definitions) {
        Sequence s = active.getLast();
        if (s.valueSets == null) {
            definitions.set(s.variables.getFirst(), s.hex ? Long.toHexString(s.next) : Long.toString(s.next));
            s.next += s.step;
            if ((s.step > 0 && s.next > s.last) || (s.step < 0 && s.next < s.last)) {
                active.removeLast();
            }
        } else {
            List<String> values = s.valueSets.get(s.nextSet);
            for (int i = 0; i < s.variables.size(); i++) {
                definitions.set(s.variables.get(i), values.get(i));
            }
            if (++s.nextSet >= s.valueSets.size()) {
                active.removeLast();
            }
        }
        return s.text;
    }

    /** Drops whatever is still active (end of the configuration). */
    void clear() {
        active.clear();
    }

    /**
     * Starts {@code ~SEQ(...)} or {@code ~SEQx(...)}; returns an error message (keepalived's
     * wording, which the caller follows with "Invalid ~SEQ specification") or null.
     */
    String addSeq(String line, Definitions definitions) {
        int p = 4;
        boolean hex = false;
        if (p < line.length() && line.charAt(p) == 'x') {
            p++;
            hex = true;
        }
        p = skipBlanks(line, p);
        if (p >= line.length() || line.charAt(p++) != '(') {
            return "";
        }
        p = skipBlanks(line, p);
        int varStart = p;
        while (p < line.length() && " \t,)".indexOf(line.charAt(p)) < 0) {
            p++;
        }
        String variable = line.substring(varStart, p);
        p = skipBlanks(line, p);
        if (p >= line.length() || line.charAt(p) == ')' || variable.isEmpty()) {
            return "Invalid ~SEQ definition '" + line + "'";
        }
        p++;
        p = skipBlanks(line, p);
        int close = line.indexOf(')', p);
        if (close < 0) {
            return "Invalid ~SEQ definition '" + line + "'";
        }
        if (close + 1 - p + 1 > 64) {
            return "~SEQ parameter strings too long '" + line + "'";
        }
        Definitions.Expansion params = definitions.expand(line.substring(p, close + 1), null, pending -> {
        });
        if (params.rest() != null) {
            return "~SEQ parameter is multiline definition '" + line + "'";
        }
        CNumber reader = new CNumber(params.line());
        long start;
        long step;
        long end;
        long one = reader.strtol();
        reader.skipBlanks();
        if (reader.peek() == ')') {
            end = one;
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else {
            if (reader.peek() != ',') {
                return "Invalid ~SEQ definition '" + line + "'";
            }
            reader.advance();
            long two = reader.strtol();
            reader.skipBlanks();
            if (reader.peek() == ')') {
                start = one;
                end = two;
                step = start <= end ? 1 : -1;
            } else {
                if (reader.peek() != ',') {
                    return "Invalid ~SEQ definition '" + line + "'";
                }
                reader.advance();
                long three = reader.strtol();
                reader.skipBlanks();
                if (reader.peek() != ')') {
                    return "Invalid ~SEQ definition '" + line + "'";
                }
                start = one;
                step = two;
                end = three;
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    return "Invalid ~SEQ values '" + line + "'";
                }
            }
        }
        if (hex && (start < 0 || end < 0)) {
            return "~SEQx is only valid for positive numbers '" + line + "'";
        }
        String text = line.substring(skipBlanks(line, close + 1));
        active.add(new Sequence(variable, start, step, end, hex, text));
        return null;
    }

    /**
     * Starts {@code ~LST(var, v1, v2)} or {@code ~LST({a,b}, {1,2}, {3,4})}; returns an error
     * message, "" when keepalived reports nothing but its generic complaint, or null.
     */
    String addLst(String line) {
        int p = skipBlanks(line, 4);
        if (p >= line.length() || line.charAt(p++) != '(') {
            return "";
        }
        p = skipBlanks(line, p);
        char endChar = ',';
        if (p < line.length() && line.charAt(p) == '{') {
            endChar = '}';
            p = skipBlanks(line, p + 1);
        }
        List<String> variables = new ArrayList<>();
        while (true) {
            int start = p;
            while (p < line.length() && " \t,}".indexOf(line.charAt(p)) < 0) {
                p++;
            }
            variables.add(line.substring(start, p));
            p = skipBlanks(line, p);
            if (charAt(line, p) == endChar) {
                break;
            }
            if (charAt(line, p) != ',') {
                return "";
            }
            p = skipBlanks(line, p + 1);
        }
        if (charAt(line, p) == '}') {
            p = skipBlanks(line, p + 1);
        }
        if (charAt(line, p) != ',') {
            return "";
        }
        p = skipBlanks(line, p + 1);
        List<List<String>> valueSets = new ArrayList<>();
        while (true) {
            endChar = ',';
            if (charAt(line, p) == '{') {
                endChar = '}';
                p = skipBlanks(line, p + 1);
            }
            List<String> values = new ArrayList<>();
            while (true) {
                int start = p;
                while (p < line.length() && " \t,})".indexOf(line.charAt(p)) < 0) {
                    p++;
                }
                values.add(line.substring(start, p));
                p = skipBlanks(line, p);
                if (charAt(line, p) == endChar || (charAt(line, p) == ')' && endChar == ',')) {
                    break;
                }
                if (charAt(line, p) != ',') {
                    return "";
                }
                p = skipBlanks(line, p + 1);
                if (values.size() > variables.size() - 1) {
                    return "~LST specification has too many values '" + line + "'";
                }
            }
            while (values.size() < variables.size()) {
                values.add("");
            }
            valueSets.add(values);
            if (charAt(line, p) == '}' && endChar == '}') {
                p = skipBlanks(line, p + 1);
            }
            if (charAt(line, p) == ')') {
                break;
            }
            if (charAt(line, p) != ',') {
                return "";
            }
            p = skipBlanks(line, p + 1);
        }
        String text = line.substring(Math.min(line.length(), skipBlanks(line, p + 1)));
        active.add(new Sequence(List.copyOf(variables), List.copyOf(valueSets), text));
        return null;
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && Decomment.isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }
}
