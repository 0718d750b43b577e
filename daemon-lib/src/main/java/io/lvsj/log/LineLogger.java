package io.lvsj.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintWriter;
import java.io.Serial;
import java.io.StringWriter;
import java.util.function.Supplier;

/**
 * An SLF4J logger that writes to a {@link LogOutput}: its own (a daemon's part) or the one
 * installed for the process (a library class's logger). A throwable is appended as
 * {@code message: exception}; its stack trace only with detail on, since operators read
 * these logs and a user's mistake is no crash.
 */
final class LineLogger extends LegacyAbstractLogger {
    @Serial
    private static final long serialVersionUID = 1L;
    private final transient Supplier<LogOutput> output;

    LineLogger(String name, Supplier<LogOutput> output) {
        this.name = name;
        this.output = output;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return output.get().enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        LogOutput out = output.get();
        if (!out.enabled(level)) {
            return;
        }
        String message = arguments == null || arguments.length == 0 ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        if (throwable != null) {
            message = message + ": " + throwable;
            if (out.detail()) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                message = message + System.lineSeparator() + trace.toString().stripTrailing();
            }
        }
        out.write(name, level, message);
    }
}
