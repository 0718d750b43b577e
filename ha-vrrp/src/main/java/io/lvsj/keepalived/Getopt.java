package io.lvsj.keepalived;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * glibc's {@code getopt_long(3)}, as keepalived reads its command line: short options in
 * clusters ({@code -nlD}), a required value attached or next ({@code -fFILE}, {@code -f FILE},
 * {@code --use-file=FILE}, {@code --use-file FILE}), an optional value only attached
 * ({@code -tLOG}, {@code --config-test=LOG}), long options by any unambiguous prefix
 * ({@code --use} for {@code --use-file}), {@code --} ending the options, and the last of a
 * repeated option winning. Pure: a list of words in, the options and operands out, or the
 * message getopt would print.
 *
 * <p>Why not a library: keepalived-j's {@code -t} is timed by scripts, and Picocli (compiled
 * for Java 5, which the AOT cache cannot hold) cost ~90 ms of CPU per start.
 */
final class Getopt {
    /** Whether an option takes a value. */
    enum Value { NONE, REQUIRED, OPTIONAL }

    /**
     * One option: its short letter (0 for none), its long name (null for none), whether it
     * takes a value, the value's name for the help, and what it does.
     */
    record Spec(char shortName, String longName, Value value, String label, String description) {
    }

    /** The options given (each with its value, "" for none; the last given wins) and the operands. */
    record Parsed(Map<Spec, String> options, List<String> operands) {
        boolean has(Spec spec) {
            return options.containsKey(spec);
        }

        Optional<String> value(Spec spec) {
            return Optional.ofNullable(options.get(spec));
        }
    }

    /** A command line getopt refuses, with getopt's message (without the program's name). */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final List<Spec> specs;

    Getopt(List<Spec> specs) {
        this.specs = List.copyOf(specs);
    }

    Parsed parse(List<String> args) throws UsageException {
        Map<Spec, String> options = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--")) {
                i = longOption(args, i, options);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                i = shortOptions(args, i, options);
            } else {
                operands.add(arg); // GNU getopt moves operands after the options
            }
        }
        return new Parsed(options, operands);
    }

    private int longOption(List<String> args, int i, Map<Spec, String> options) throws UsageException {
        String word = args.get(i).substring(2);
        int equals = word.indexOf('=');
        String name = equals < 0 ? word : word.substring(0, equals);
        Spec spec = byLongName(name);
        if (equals >= 0) {
            if (spec.value() == Value.NONE) {
                throw new UsageException("option '--" + spec.longName() + "' doesn't allow an argument");
            }
            options.put(spec, word.substring(equals + 1));
            return i;
        }
        if (spec.value() == Value.REQUIRED) {
            if (i + 1 >= args.size()) {
                throw new UsageException("option '--" + spec.longName() + "' requires an argument");
            }
            options.put(spec, args.get(i + 1));
            return i + 1;
        }
        options.put(spec, "");
        return i;
    }

    private Spec byLongName(String name) throws UsageException {
        Spec prefixed = null;
        boolean ambiguous = false;
        for (Spec spec : specs) {
            if (spec.longName() == null) {
                continue;
            }
            if (spec.longName().equals(name)) {
                return spec;
            }
            if (spec.longName().startsWith(name)) {
                ambiguous = prefixed != null;
                prefixed = spec;
            }
        }
        if (prefixed == null || name.isEmpty()) {
            throw new UsageException("unrecognized option '--" + name + "'");
        }
        if (ambiguous) {
            throw new UsageException("option '--" + name + "' is ambiguous");
        }
        return prefixed;
    }

    private int shortOptions(List<String> args, int i, Map<Spec, String> options) throws UsageException {
        String cluster = args.get(i);
        for (int c = 1; c < cluster.length(); c++) {
            char letter = cluster.charAt(c);
            Spec spec = byShortName(letter);
            String rest = cluster.substring(c + 1);
            switch (spec.value()) {
                case NONE -> options.put(spec, "");
                case OPTIONAL -> {
                    options.put(spec, rest);
                    return i;
                }
                case REQUIRED -> {
                    if (!rest.isEmpty()) {
                        options.put(spec, rest);
                        return i;
                    }
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option requires an argument -- '" + letter + "'");
                    }
                    options.put(spec, args.get(i + 1));
                    return i + 1;
                }
            }
        }
        return i;
    }

    private Spec byShortName(char letter) throws UsageException {
        for (Spec spec : specs) {
            if (spec.shortName() == letter) {
                return spec;
            }
        }
        throw new UsageException("invalid option -- '" + letter + "'");
    }
}
