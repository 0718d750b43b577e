package io.lvsj.log;

import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where a daemon's log lines go, as keepalived sends them: the console ({@code -l}), with
 * keepalived's timestamp and no ident, and syslog ({@code /dev/log}) with an ident per part of
 * the process ({@code Keepalived}, {@code Keepalived_vrrp}, {@code lvs-syncd} ...). Lines at
 * DEBUG are keepalived's "detail" lines ({@code -D}): written only when detail is on.
 *
 * <p>A logger whose name has no dot names its ident ({@code Keepalived_vrrp}); any other
 * logger (a class's, such as ipvs-netlink's) writes under the output's default ident. A daemon
 * makes its output with {@link #open}, hands {@link #logger(String)}s to its parts and
 * {@link #install()}s it, so that loggers got from SLF4J's {@code LoggerFactory} write there
 * too. Writing is done by a thread per destination: a slow terminal or syslog daemon never
 * delays the thread that logs (a VRRP timer).
 */
public final class LogOutput {
    /**
     * How to log: {@code console} is null for none; {@code syslogSocket} is where syslog
     * listens ({@link #DEV_LOG}), or empty for no syslog ({@code -G}); {@code facility}
     * is syslog's number ({@code daemon} is 3); {@code files}, when not null, names the log
     * file each ident's lines are also appended to (keepalived's {@code -g}), or none.
     */
    public record Settings(PrintStream console, Optional<Path> syslogSocket, int facility, boolean detail,
                           String defaultIdent, Clock clock, Function<String, Optional<Path>> files) {
        public Settings {
            if (defaultIdent == null || defaultIdent.isEmpty() || defaultIdent.contains(".")) {
                throw new IllegalArgumentException("an ident is a name without dots: " + defaultIdent);
            }
        }

        /** Without log files. */
        public Settings(PrintStream console, Optional<Path> syslogSocket, int facility, boolean detail,
                        String defaultIdent, Clock clock) {
            this(console, syslogSocket, facility, detail, defaultIdent, clock, null);
        }
    }

    /** The local syslog socket. */
    public static final Path DEV_LOG = Path.of("/dev/log");

    /** syslog's {@code LOG_DAEMON}, keepalived's facility unless {@code -S} says otherwise. */
    public static final int FACILITY_DAEMON = 3;

    private static volatile LogOutput installed =
            open(new Settings(System.err, Optional.empty(), FACILITY_DAEMON, false, "lvsj", Clock.systemDefaultZone()));

    private final List<LogSink> sinks;
    private final Consumer<String> direct;
    private final boolean detail;
    private final String defaultIdent;
    private final Clock clock;

    private LogOutput(List<LogSink> sinks, Consumer<String> direct, boolean detail, String defaultIdent, Clock clock) {
        this.sinks = List.copyOf(sinks);
        this.direct = direct;
        this.detail = detail;
        this.defaultIdent = defaultIdent;
        this.clock = clock;
    }

    public static LogOutput open(Settings settings) {
        List<LogSink> sinks = new ArrayList<>();
        if (settings.console() != null) {
            sinks.add(new ConsoleSink(settings.console()));
        }
        settings.syslogSocket().ifPresent(socket -> sinks.add(new SyslogSink(socket, settings.facility())));
        if (settings.files() != null) {
            sinks.add(new FileSink(settings.files()));
        }
        return new LogOutput(sinks, null, settings.detail(), settings.defaultIdent(), settings.clock());
    }

    /**
     * A logger that hands each message, as it is logged and on the logging thread, to
     * {@code lines}: for code that collects what a part of the daemon says (tests, a dry run).
     * With {@code detail}, DEBUG lines come too.
     */
    public static Logger lines(Consumer<String> lines, boolean detail) {
        return new LogOutput(List.of(), lines, detail, "lvsj", Clock.systemUTC()).logger("lines");
    }

    /** A logger that writes nothing, and says detail is on or off as asked. */
    public static Logger silent(boolean detail) {
        return lines(line -> { }, detail);
    }

    /** A logger writing here: {@code name} is an ident ({@code Keepalived_vrrp}) or a class name. */
    public Logger logger(String name) {
        return new LineLogger(name, () -> this);
    }

    /** Makes this the output of every logger SLF4J hands out (library classes' loggers among them). */
    public void install() {
        installed = this;
    }

    /** The output {@link #install()}ed last: standard error at INFO until a daemon installs its own. */
    static LogOutput installed() {
        return installed;
    }

    public boolean detail() {
        return detail;
    }

    boolean enabled(Level level) {
        return switch (level) {
            case ERROR, WARN, INFO -> true;
            case DEBUG -> detail;
            case TRACE -> false;
        };
    }

    void write(String loggerName, Level level, String message) {
        if (!enabled(level)) {
            return;
        }
        if (direct != null) {
            direct.accept(message);
        }
        if (sinks.isEmpty()) {
            return;
        }
        LogLine line = new LogLine(clock.millis(), identOf(loggerName), level, message);
        for (LogSink sink : sinks) {
            sink.accept(line);
        }
    }

    /** Waits (briefly) until every queued line is out: before the process exits. */
    public void flush() {
        sinks.forEach(LogSink::flush);
    }

    private String identOf(String loggerName) {
        return loggerName.isEmpty() || loggerName.contains(".") ? defaultIdent : loggerName;
    }
}
