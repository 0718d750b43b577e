package io.lvsj.keepalived.daemon;

import io.lvsj.sys.LibC;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.Map;

/**
 * keepalived's signals, caught once for the whole process: TERM and INT stop it, HUP reloads,
 * USR1 writes the data dumps (and, here, the JSON dump too), USR2 the statistics. keepalived's
 * parent passes them on to its children; here the {@link Handler} (the process's
 * {@link Dispatcher}) passes them on to the subsystems.
 *
 * <p>keepalived's JSON and STATS_CLEAR signals are real-time signals (SIGRTMIN+2 = 36 and
 * SIGRTMAX-1 = 63 with glibc). The JVM cannot catch those, and their default action would
 * kill it, so they are set to "ignore": a {@code kill -36} meant for keepalived leaves
 * keepalived-j running. The JSON dump comes with USR1 instead.
 */
public final class Signals {
    /** What each signal asks the process to do; called on a JVM signal thread, so it must only hand over. */
    public interface Handler {
        void stop();

        void reload();

        void dumpData();

        void dumpStats();
    }

    private static final int SIGHUP = 1;
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;
    public static final int SIGRTMIN_PLUS_2 = 36;
    public static final int SIGRTMAX_MINUS_1 = 63;

    private Signals() {
    }

    /**
     * Installs the handlers; with {@code ignoreSigint} ({@code --ignore-sigint}) INT is ignored
     * instead. As keepalived, whatever started it: TERM, HUP and INT inherited as ignored (a
     * shell's background job, nohup) are caught all the same.
     */
    public static void install(Handler handler, boolean ignoreSigint) {
        for (int signum : new int[]{SIGHUP, SIGINT, SIGTERM}) {
            LibC.unignoreSignal(signum);
        }
        Map.of("TERM", (Runnable) handler::stop, "HUP", handler::reload,
                "USR1", handler::dumpData, "USR2", handler::dumpStats)
                .forEach((name, action) -> Signal.handle(new Signal(name), s -> action.run()));
        Signal.handle(new Signal("INT"), ignoreSigint ? SignalHandler.SIG_IGN : s -> handler.stop());
        LibC.ignoreSignal(SIGRTMIN_PLUS_2);
        LibC.ignoreSignal(SIGRTMAX_MINUS_1);
    }

}
