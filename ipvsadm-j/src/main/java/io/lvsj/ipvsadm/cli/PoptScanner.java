package io.lvsj.ipvsadm.cli;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Splits a command line into options the way popt 1.19 does for ipvsadm, so that every
 * spelling ipvsadm accepts is accepted and every one it refuses is refused with the same words:
 * bundled short options ({@code -Lnc}), values attached to a short option ({@code -At1.2.3.4:80},
 * {@code -t=x}) or after {@code =} on a long one ({@code --weight=3}), a value in the next word
 * (taken even if it starts with {@code -}, except for optional values such as {@code -p}),
 * long names that must be spelt out in full, {@code --} ending the options, and popt's
 * {@code !#:+} (replaced by the next free non-option word). Words that are not options are
 * kept as leftovers, in order.
 */
public final class PoptScanner {

    /** popt's error kinds, with its messages. */
    public enum Failure {
        MISSING_ARGUMENT("missing argument"),
        UNWANTED_ARGUMENT("option does not take an argument"),
        UNKNOWN_OPTION("unknown option");

        private final String message;

        Failure(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** What {@link #next()} found. */
    public sealed interface Event {
    }

    /**
     * An option and its value ({@code null} when it takes none or an optional one was left out).
     *
     * @param longForm whether it was written with its long name
     */
    public record Found(OptionSpec option, String value, boolean longForm) implements Event {
    }

    public record Failed(Failure failure) implements Event {
    }

    /** No options left. */
    public record End() implements Event {
    }

    private static final End END = new End();
    private static final String NEXT_WORD = "!#:+";

    private final List<OptionSpec> table;
    private final String[] argv;
    private final boolean stopAtFirstWord;
    private final BitSet taken = new BitSet();
    private final List<String> leftovers = new ArrayList<>();
    private int next = 1;
    private int nextLeftover;
    private String bundle;
    private boolean restAreWords;

    /**
     * @param argv            the words, {@code argv[0]} being the program name
     * @param stopAtFirstWord popt's POSIXLY_CORRECT behaviour: everything after the first
     *                        non-option word is a word too
     */
    public PoptScanner(List<OptionSpec> table, String[] argv, boolean stopAtFirstWord) {
        this.table = table;
        this.argv = argv;
        this.stopAtFirstWord = stopAtFirstWord;
    }

    /** The next option, the end, or what went wrong. */
    public Event next() {
        while (true) {
            if (bundle == null && next == argv.length) {
                return END;
            }
            OptionSpec option = null;
            String longValue = null;
            boolean longForm = false;
            if (bundle == null) {
                if (taken.get(next)) {
                    next++;
                    continue;
                }
                String word = argv[next++];
                if (restAreWords || !word.startsWith("-") || word.equals("-")) {
                    if (stopAtFirstWord) {
                        restAreWords = true;
                    }
                    leftovers.add(word);
                    continue;
                }
                if (word.equals("--")) {
                    restAreWords = true;
                    continue;
                }
                if (word.startsWith("--")) {
                    String body = word.substring(2);
                    int equals = body.indexOf('=');
                    String name = equals < 0 ? body : body.substring(0, equals);
                    longValue = equals < 0 ? null : body.substring(equals + 1);
                    option = findLong(name);
                    if (option == null) {
                        return new Failed(Failure.UNKNOWN_OPTION);
                    }
                    longForm = true;
                } else {
                    bundle = word.substring(1); // a single dash never names a long option
                }
            }
            if (bundle != null) {
                option = findShort(bundle.charAt(0));
                String rest = bundle.substring(1);
                bundle = rest.isEmpty() ? null : rest;
                if (option == null) {
                    return new Failed(Failure.UNKNOWN_OPTION);
                }
            }
            if (option.argument() == OptionSpec.Argument.NONE) {
                if (longValue != null || (bundle != null && bundle.charAt(0) == '=')) {
                    return new Failed(Failure.UNWANTED_ARGUMENT);
                }
                return new Found(option, null, longForm);
            }
            String value;
            if (longValue != null) {
                value = expand(longValue);
            } else if (bundle != null) {
                value = expand(bundle.charAt(0) == '=' ? bundle.substring(1) : bundle);
                bundle = null;
            } else if (next == argv.length) {
                if (option.argument() != OptionSpec.Argument.OPTIONAL) {
                    return new Failed(Failure.MISSING_ARGUMENT);
                }
                value = null;
            } else if (option.argument() == OptionSpec.Argument.OPTIONAL && argv[next].startsWith("-")) {
                value = null;
            } else {
                value = expand(argv[next++]);
            }
            return new Found(option, value, longForm);
        }
    }

    /** popt's {@code poptBadOption}: the word the scanner read last. */
    public String lastWord() {
        return argv[next - 1];
    }

    /** The next leftover word ({@code poptGetArg}), or {@code null}. */
    public String nextLeftover() {
        return nextLeftover < leftovers.size() ? leftovers.get(nextLeftover++) : null;
    }

    private OptionSpec findLong(String name) {
        for (OptionSpec spec : table) {
            if (name.equals(spec.longName())) {
                return spec;
            }
        }
        return null;
    }

    private OptionSpec findShort(char letter) {
        for (OptionSpec spec : table) {
            if (spec.shortName() != 0 && spec.shortName() == letter) {
                return spec;
            }
        }
        return null;
    }

    /** Replaces each {@code !#:+} by the next word that is not an option and not yet used. */
    private String expand(String value) {
        int at = value.indexOf(NEXT_WORD);
        if (at < 0) {
            return value;
        }
        String word = null;
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (at >= 0) {
            if (word == null) {
                word = takeNextWord();
                if (word == null) {
                    break;
                }
            }
            out.append(value, from, at).append(word);
            from = at + NEXT_WORD.length();
            at = value.indexOf(NEXT_WORD, from);
        }
        return out.append(value, from, value.length()).toString();
    }

    private String takeNextWord() {
        for (int i = next; i < argv.length; i++) {
            if (!taken.get(i) && !argv[i].startsWith("-")) {
                taken.set(i);
                return argv[i];
            }
        }
        return null;
    }
}
