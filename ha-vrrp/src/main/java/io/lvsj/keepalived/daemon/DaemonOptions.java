package io.lvsj.keepalived.daemon;

import io.lvsj.log.LogOutput;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the command line asks the daemon to run.
 *
 * @param version         what "Starting ..." and "Stopped ..." name
 * @param namespace       {@code -s}: overrides {@code net_namespace}
 * @param mode            {@code -P}, {@code -C}, {@code --all}
 * @param console         {@code -l} (with {@code -n}): also log here; null: no console
 * @param syslog          not {@code -G}
 * @param facility        {@code -S}, as a syslog facility code
 * @param detail          {@code -D}
 * @param mainPid         {@code -p}, or empty for keepalived's default
 * @param vrrpPid         {@code -r}, or empty
 * @param checkersPid     {@code -c}, or empty
 * @param bfdPid          {@code -b}, or empty
 * @param dontReleaseIpvs {@code -I}
 * @param dumpDirectory   where USR1/USR2 dumps go (keepalived: {@code $TMPDIR} or /tmp)
 * @param ignoreSigint    {@code --ignore-sigint}: INT does not stop the daemon (only TERM does)
 * @param logFile         {@code -g}: the log file as given (relative names go in {@code dumpDirectory}), or empty
 */
public record DaemonOptions(String version, Optional<String> namespace, Mode mode, PrintStream console,
                            boolean syslog, int facility, boolean detail, Optional<Path> mainPid,
                            Optional<Path> vrrpPid, Optional<Path> checkersPid, Optional<Path> bfdPid,
                            boolean dontReleaseIpvs,
                            Path dumpDirectory, boolean ignoreSigint, Optional<String> logFile) {
    /** LOG_USER; {@code -S 0..7} and {@code local0..7} are LOG_LOCAL0..7 (16..23). */
    static final int USER = 1;
    static final int LOCAL0 = 16;

    /** keepalived's {@code -S} values: 0-7 or local0-7, {@code user}, {@code daemon}; empty if invalid. */
    public static OptionalInt facility(String text) {
        String number = text.startsWith("local") ? text.substring(5) : text;
        if (number.matches("[0-7]")) {
            return OptionalInt.of(LOCAL0 + Integer.parseInt(number));
        }
        return switch (text) {
            case "user" -> OptionalInt.of(USER);
            case "daemon" -> OptionalInt.of(LogOutput.FACILITY_DAEMON);
            default -> OptionalInt.empty();
        };
    }

    /**
     * keepalived's {@code make_file_name}: {@code name} (in {@code directory} unless absolute) with
     * {@code _PROG}, {@code _NAMESPACE} and {@code _INSTANCE} put before its extension.
     */
    public static Path logFileName(String name, Path directory, Optional<String> prog, Optional<String> namespace,
                                   Optional<String> instance) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        String extension = dot > slash ? name.substring(dot) : "";
        String stem = dot > slash ? name.substring(0, dot) : name;
        String file = stem + prog.map(p -> "_" + p).orElse("") + namespace.map(n -> "_" + n).orElse("")
                + instance.map(i -> "_" + i).orElse("") + extension;
        return name.startsWith("/") ? Path.of(file) : directory.resolve(file);
    }

    /** Where keepalived writes its dumps: {@code $TMPDIR} when it is an absolute path, else {@code /tmp}. */
    public static Path dumpDirectory(String tmpdir) {
        return tmpdir != null && tmpdir.startsWith("/") ? Path.of(tmpdir) : Path.of("/tmp");
    }
}
