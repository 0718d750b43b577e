package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.KeepalivedConfig;

import java.nio.file.Path;

/**
 * One of keepalived's subsystems (keepalived forks a child process for each) as keepalived-j
 * runs it inside its one process. Each is started by a {@link Starter} and then driven by the
 * process's {@link Dispatcher}, which calls these one at a time.
 */
public interface Subsystem {
    /** Which subsystems there are, in the order keepalived starts them. */
    enum Kind {
        CHECKERS("Keepalived_healthcheckers", "Healthcheck"),
        VRRP("Keepalived_vrrp", "VRRP"),
        BFD("Keepalived_bfd", "BFD");

        private final String ident;
        private final String childName;

        Kind(String ident, String childName) {
            this.ident = ident;
            this.childName = childName;
        }

        /** keepalived's syslog ident for this child process. */
        public String ident() {
            return ident;
        }

        /** How keepalived's parent names the child when it starts it ("Starting VRRP child process"). */
        public String childName() {
            return childName;
        }
    }

    /** Starts a subsystem on a configuration. */
    @FunctionalInterface
    interface Starter {
        /**
         * @throws IllegalArgumentException when this host cannot run the configuration (a
         *                                  missing interface, no IPVS in the kernel); the
         *                                  message says why and nothing is left running
         */
        Subsystem start(KeepalivedConfig config);
    }

    /**
     * SIGHUP: runs {@code config} from now on, changing only what changed.
     *
     * @throws IllegalArgumentException when this host cannot run it; the running configuration
     *                                  then carries on unchanged
     */
    void reload(KeepalivedConfig config);

    /** SIGTERM: stops, cleaning up as keepalived does (and as the options say). */
    void stop();

    /** SIGUSR1: writes this subsystem's state into {@code directory}. */
    void dumpData(Path directory);

    /** SIGUSR2: writes statistics into {@code directory} (keepalived: only VRRP has them). */
    default void dumpStats(Path directory) {
    }
}
