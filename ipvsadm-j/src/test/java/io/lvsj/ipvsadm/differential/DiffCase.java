package io.lvsj.ipvsadm.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One differential case: a starting table, a command line, and what both tools are given.
 *
 * @param setup         rules (in {@code -R} form) loaded before the command, the same for both tools
 * @param args          the command line after the program name
 * @param stdin         the command's standard input ({@code -R})
 * @param procConnFixture a {@code /proc/net/ip_vs_conn} both tools read instead of the kernel's, or null
 * @param environment   extra environment (POSIXLY_CORRECT)
 * @param deviation     a documented difference of ipvsadm-j, or {@link Deviation#NONE}
 */
record DiffCase(String setup, List<String> args, String stdin, String procConnFixture,
                Map<String, String> environment, Deviation deviation) {

    /** The ways ipvsadm-j deliberately differs from ipvsadm 1.31 (docs/ipvsadm-j.md). */
    enum Deviation {
        NONE,
        /** {@code --help} adds a section on the extensions after ipvsadm's text. */
        HELP_EXTENSIONS,
        /** {@code --version} adds a line naming ipvsadm-j after ipvsadm's. */
        VERSION_EXTENSION,
        /** {@code -R} treats words from {@code #} on as comments; ipvsadm is given the input without them. */
        RESTORE_COMMENTS,
        /** {@code -b} with nothing but commas: ipvsadm crashes (SIGSEGV), ipvsadm-j refuses it (status 2). */
        EMPTY_SCHEDULER_FLAGS,
        /**
         * {@code -P}, {@code -Q}, {@code -G} are Alibaba LVS's local-address commands in ipvsadm-j (the FullNAT
         * extension); ipvsadm 1.31 knows no such option.
         */
        LOCAL_ADDRESS_COMMANDS
    }

    static DiffCase of(String commandLine) {
        return new DiffCase("", split(commandLine), "", null, Map.of(), Deviation.NONE);
    }

    static DiffCase of(String... args) {
        return new DiffCase("", List.of(args), "", null, Map.of(), Deviation.NONE);
    }

    DiffCase on(String table) {
        return new DiffCase(table, args, stdin, procConnFixture, environment, deviation);
    }

    DiffCase input(String text) {
        return new DiffCase(setup, args, text, procConnFixture, environment, deviation);
    }

    DiffCase reading(String procFile) {
        return new DiffCase(setup, args, stdin, procFile, environment, deviation);
    }

    DiffCase env(String name, String value) {
        return new DiffCase(setup, args, stdin, procConnFixture, Map.of(name, value), deviation);
    }

    DiffCase deviating(Deviation d) {
        return new DiffCase(setup, args, stdin, procConnFixture, environment, d);
    }

    boolean isRestore() {
        return !args.isEmpty() && (args.getFirst().equals("-R") || args.getFirst().equals("--restore"));
    }

    /** How the case is named in the test report. */
    String title() {
        StringBuilder s = new StringBuilder("ipvsadm");
        for (String a : args) {
            s.append(' ').append(a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a);
        }
        if (!stdin.isEmpty()) {
            s.append(" < ").append(stdin.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"));
        }
        if (!environment.isEmpty()) {
            s.append(" ").append(environment);
        }
        return s.toString();
    }

    static List<String> split(String commandLine) {
        return commandLine.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(commandLine.trim().split(" +")));
    }
}
