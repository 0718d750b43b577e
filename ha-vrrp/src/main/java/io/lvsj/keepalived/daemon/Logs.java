package io.lvsj.keepalived.daemon;

import io.lvsj.log.LogOutput;
import org.slf4j.Logger;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Where each part of the process logs, as keepalived's processes do: syslog with the
 * parent's ident {@code Keepalived} and the children's {@code Keepalived_vrrp} and
 * {@code Keepalived_healthcheckers} (each followed by {@code _NAMESPACE} and
 * {@code _INSTANCE} when those are configured), facility {@code daemon} unless {@code -S} says
 * otherwise; and, with {@code -l}, the console too, all parts on one stream with keepalived's
 * timestamps and no ident (as keepalived prints them). {@code -G} turns syslog off. The lines
 * are written by daemon-lib's {@link LogOutput}, SLF4J's provider in keepalived-j: a library's
 * logger writes under the parent's ident.
 */
final class Logs {
    private final LogOutput output;
    private final String suffix;

    Logs(PrintStream console, boolean syslog, int facility, boolean detail, Optional<String> namespace,
         Optional<String> instance) {
        this(console, syslog, facility, detail, namespace, instance, LogOutput.DEV_LOG);
    }

    /** With syslog sent to {@code syslogSocket} instead of {@code /dev/log}. */
    Logs(PrintStream console, boolean syslog, int facility, boolean detail, Optional<String> namespace,
         Optional<String> instance, Path syslogSocket) {
        this(console, syslog, facility, detail, namespace, instance, syslogSocket, Optional.empty(), Path.of("/tmp"));
    }

    /**
     * With {@code logFile} ({@code -g}): the parent's lines appended to it and each child's to
     * its own, named as keepalived names them ({@code keepalived_vrrp.log}, {@code _check},
     * {@code _bfd}, then {@code _NAMESPACE}, {@code _INSTANCE}); a relative name is in {@code directory}.
     */
    Logs(PrintStream console, boolean syslog, int facility, boolean detail, Optional<String> namespace,
         Optional<String> instance, Path syslogSocket, Optional<String> logFile, Path directory) {
        this.suffix = namespace.map(n -> "_" + n).orElse("") + instance.map(i -> "_" + i).orElse("");
        java.util.function.Function<String, Optional<Path>> files = logFile.<java.util.function.Function<String,
                Optional<Path>>>map(name -> ident -> Optional.of(DaemonOptions.logFileName(name, directory,
                program(ident), namespace, instance))).orElse(null);
        this.output = LogOutput.open(new LogOutput.Settings(console, syslog ? Optional.of(syslogSocket) : Optional.empty(),
                facility, detail, ident("Keepalived"), Clock.systemDefaultZone(), files));
    }

    /** keepalived's name for a child in its log file's name: vrrp, check, bfd; the parent has none. */
    private Optional<String> program(String ident) {
        for (Subsystem.Kind kind : Subsystem.Kind.values()) {
            if (ident.equals(ident(kind.ident()))) {
                return Optional.of(switch (kind) {
                    case VRRP -> "vrrp";
                    case CHECKERS -> "check";
                    case BFD -> "bfd";
                });
            }
        }
        return Optional.empty();
    }

    /** The syslog ident for a process named {@code name} ("Keepalived", "Keepalived_vrrp" ...). */
    String ident(String name) {
        return name + suffix;
    }

    /** Makes these the logs of every SLF4J logger in the process (ipvs-netlink's, for one). */
    void install() {
        output.install();
    }

    Logger parent() {
        return output.logger(ident("Keepalived"));
    }

    Logger of(Subsystem.Kind kind) {
        return output.logger(ident(kind.ident()));
    }

    /** Waits (briefly) until every queued line is out: before the process exits. */
    void flush() {
        output.flush();
    }
}
