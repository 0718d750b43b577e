package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.vrrp.daemon.Syslog;
import io.lvsj.keepalived.vrrp.daemon.VrrpLog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each part of the process logs, as keepalived's processes do: syslog with the
 * parent's ident {@code Keepalived} and the children's {@code Keepalived_vrrp} and
 * {@code Keepalived_healthcheckers} (each followed by {@code _NAMESPACE} and
 * {@code _INSTANCE} when those are configured), facility {@code daemon} unless {@code -S} says
 * otherwise; and, with {@code -l}, the console too, all parts on one stream with keepalived's
 * timestamps and no ident (as keepalived prints them). {@code -G} turns syslog off.
 */
final class Logs {
    private final VrrpLog console;
    private final boolean syslog;
    private final int facility;
    private final boolean detail;
    private final String suffix;
    private final Path syslogSocket;
    private final List<VrrpLog> opened = new ArrayList<>();

    Logs(PrintStream console, boolean syslog, int facility, boolean detail, Optional<String> namespace,
         Optional<String> instance) {
        this(console, syslog, facility, detail, namespace, instance, Syslog.DEV_LOG);
    }

    /** With syslog sent to {@code syslogSocket} instead of {@code /dev/log}. */
    Logs(PrintStream console, boolean syslog, int facility, boolean detail, Optional<String> namespace,
         Optional<String> instance, Path syslogSocket) {
        this.syslogSocket = syslogSocket;
        this.console = console == null ? null : VrrpLog.console(console, detail);
        this.syslog = syslog;
        this.facility = facility;
        this.detail = detail;
        this.suffix = namespace.map(n -> "_" + n).orElse("") + instance.map(i -> "_" + i).orElse("");
    }

    /** The syslog ident for a process named {@code name} ("Keepalived", "Keepalived_vrrp" ...). */
    String ident(String name) {
        return name + suffix;
    }

    VrrpLog parent() {
        return named("Keepalived");
    }

    VrrpLog of(Subsystem.Kind kind) {
        return named(kind.ident());
    }

    /** Waits (briefly) until every queued line is out: before the process exits. */
    void flush() {
        opened.forEach(VrrpLog::flush);
    }

    private VrrpLog named(String name) {
        VrrpLog sys = syslog ? Syslog.open(ident(name), facility, detail, syslogSocket) : null;
        if (sys != null) {
            opened.add(sys);
        }
        if (console != null) {
            opened.add(console);
        }
        if (sys == null) {
            return console != null ? console : quiet(detail);
        }
        if (console == null) {
            return sys;
        }
        return new VrrpLog() {
            @Override
            public void log(String message) {
                console.log(message);
                sys.log(message);
            }

            @Override
            public boolean detail() {
                return detail;
            }

            @Override
            public void flush() {
                console.flush();
                sys.flush();
            }
        };
    }

    private static VrrpLog quiet(boolean detail) {
        return new VrrpLog() {
            @Override
            public void log(String message) {
            }

            @Override
            public boolean detail() {
                return detail;
            }
        };
    }
}
