package io.lvsj.syncd.cluster;

import org.jgroups.logging.CustomLogFactory;
import org.jgroups.logging.Log;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * JGroups' own log lines, through SLF4J (so into lvs-syncd's log), warnings and errors only:
 * its INFO and DEBUG lines (addresses, views, buffer sizes) would drown lvs-syncd's, which say
 * the same in the operator's words (members joined and left, tables given and received).
 */
final class JGroupsLogs implements CustomLogFactory {
    private JGroupsLogs() {
    }

    /** Installs the factory; idempotent. Call before any channel is made. */
    static void install() {
        if (!(LogFactory.getCustomLogFactory() instanceof JGroupsLogs)) {
            LogFactory.setCustomLogFactory(new JGroupsLogs());
        }
    }

    @Override
    public Log getLog(Class<?> clazz) {
        return new Quiet(clazz.getName());
    }

    @Override
    public Log getLog(String category) {
        return new Quiet(category);
    }

    /** SLF4J at WARN and above. */
    private static final class Quiet extends Slf4jLogImpl {
        Quiet(String name) {
            super(name);
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public void info(String msg) {
        }

        @Override
        public void info(String msg, Object... args) {
        }

        @Override
        public void debug(String msg) {
        }

        @Override
        public void debug(String msg, Object... args) {
        }

        @Override
        public void debug(String msg, Throwable t) {
        }

        @Override
        public void trace(Object msg) {
        }

        @Override
        public void trace(String msg) {
        }

        @Override
        public void trace(String msg, Object... args) {
        }

        @Override
        public void trace(String msg, Throwable t) {
        }
    }
}
