package io.lvsj.keepalived.daemon;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

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

    public static final int SIGRTMIN_PLUS_2 = 36;
    public static final int SIGRTMAX_MINUS_1 = 63;

    private Signals() {
    }

    /** Installs the handlers; with {@code ignoreSigint} ({@code --ignore-sigint}) INT is ignored instead. */
    public static void install(Handler handler, boolean ignoreSigint) {
        Map.of("TERM", (Runnable) handler::stop, "HUP", handler::reload,
                "USR1", handler::dumpData, "USR2", handler::dumpStats)
                .forEach((name, action) -> Signal.handle(new Signal(name), s -> action.run()));
        Signal.handle(new Signal("INT"), ignoreSigint ? SignalHandler.SIG_IGN : s -> handler.stop());
        ignore(SIGRTMIN_PLUS_2);
        ignore(SIGRTMAX_MINUS_1);
    }

    /** {@code signal(signum, SIG_IGN)}: glibc's signal() installs it with SA_RESTART for every thread. */
    static void ignore(int signum) {
        Linker linker = Linker.nativeLinker();
        MethodHandle signal = linker.downcallHandle(linker.defaultLookup().find("signal").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        try {
            MemorySegment previous = (MemorySegment) signal.invokeExact(signum, MemorySegment.ofAddress(1));
            if (previous.address() == -1) {
                throw new IllegalStateException("signal(" + signum + ", SIG_IGN) failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
