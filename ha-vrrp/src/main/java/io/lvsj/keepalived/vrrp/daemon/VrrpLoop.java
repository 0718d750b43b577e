package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.Reception;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpEngine;
import io.lvsj.keepalived.vrrp.io.VrrpSocket;
import io.lvsj.sys.LibC;
import org.slf4j.Logger;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The VRRP thread: one {@code poll} over every advert socket and a wake-up eventfd, with the
 * timeout set by the engine's next deadline. It receives adverts, runs due timers and
 * executes work other threads post (link changes, script results, signals), so the engine is
 * only ever touched here. Nothing on this thread waits for a process, a script or a checker.
 *
 * <p>Like keepalived's "A thread timer expired" warning, it logs when it woke up much later
 * than a timer was due (a stalled machine or a long GC pause).
 */
final class VrrpLoop implements Runnable {
    /** Work for the VRRP thread; {@code now} is the loop's clock in microseconds. */
    interface Task {
        void run(long now);
    }

    /** At most this many adverts per socket per wake-up, so one busy socket cannot starve timers. */
    private static final int RECEIVE_BURST = 64;
    private static final long LATE_WARNING = 1_000_000;

    private VrrpEngine engine;
    private ShellActions actions;
    private List<VrrpSocket> sockets;
    private Map<VrrpSocket, List<VirtualRouter>> bySocket;
    private final Logger log;
    private final ConcurrentLinkedQueue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final Arena arena = Arena.ofShared();
    private MemorySegment pollfds;
    private final MemorySegment counter = arena.allocate(8, 8);
    private final MemorySegment wake = arena.allocate(8, 8);
    private boolean closed;
    private final int wakeFd;
    private final Reception reception = new Reception();
    private volatile boolean running = true;

    VrrpLoop(VrrpEngine engine, ShellActions actions, Map<VrrpSocket, List<VirtualRouter>> bySocket, Logger log) {
        this.log = log;
        this.wakeFd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        replace(engine, actions, bySocket);
    }

    /**
     * Swaps in another engine with its actions and sockets (a reload). Call it on the VRRP
     * thread, from a posted task, or before {@link #run()}. The sockets stay the caller's to close.
     */
    void replace(VrrpEngine engine, ShellActions actions, Map<VrrpSocket, List<VirtualRouter>> bySocket) {
        this.engine = engine;
        this.actions = actions;
        this.bySocket = bySocket;
        this.sockets = new ArrayList<>(bySocket.keySet());
        this.pollfds = arena.allocate(8L * (sockets.size() + 1), 4);
        pollfds.set(JAVA_INT, 0, wakeFd);
        pollfds.set(JAVA_SHORT, 4, LibC.POLLIN);
        for (int i = 0; i < sockets.size(); i++) {
            pollfds.set(JAVA_INT, 8L * (i + 1), sockets.get(i).receiveFd());
            pollfds.set(JAVA_SHORT, 8L * (i + 1) + 4, LibC.POLLIN);
        }
    }

    static long now() {
        return System.nanoTime() / 1000;
    }

    /** Queues work for the VRRP thread and wakes it. Any thread may call this. */
    void post(Task task) {
        tasks.add(task);
        synchronized (wake) {
            if (!closed) {
                wake.set(JAVA_LONG, 0, 1);
                LibC.tryWrite(wakeFd, wake, 8); // a counter that would overflow (EAGAIN) is already a wake-up
            }
        }
    }

    /** Ends the loop after the work already queued. */
    void stop() {
        post(now -> running = false);
    }

    @Override
    public void run() {
        try {
            while (running) {
                long now = now();
                long deadline = Math.min(engine.nextDeadline(), actions.pacedDeadline());
                int timeout;
                if (deadline == VirtualRouter.NEVER) {
                    timeout = 1000;
                } else {
                    long wait = deadline - now;
                    timeout = wait <= 0 ? 0 : (int) Math.min(1000, (wait + 999) / 1000);
                }
                LibC.poll(pollfds, sockets.size() + 1, timeout);
                now = now();
                receiveAll(now);
                runTasks(now);
                if (!running) {
                    break;
                }
                due(now);
            }
        } finally {
            close();
        }
    }

    private void due(long now) {
        if (actions.pacedDeadline() <= now) {
            actions.runPaced(now);
        }
        long deadline = engine.nextDeadline();
        if (deadline <= now) {
            if (now - deadline > LATE_WARNING) {
                log.info("A thread timer expired " + String.format("%.6f", (now - deadline) / 1e6) + " seconds ago");
            }
            engine.runTimers(now, actions);
        }
    }

    private void runTasks(long now) {
        if ((pollfds.get(JAVA_SHORT, 6) & LibC.POLLIN) != 0) {
            LibC.tryRead(wakeFd, counter, 8); // resets the counter; nothing there (EAGAIN) is fine
        }
        Task task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run(now);
            } catch (RuntimeException e) {
                log.info("VRRP thread: " + e);
            }
        }
    }

    private void receiveAll(long now) {
        for (int i = 0; i < sockets.size(); i++) {
            if ((pollfds.get(JAVA_SHORT, 8L * (i + 1) + 6) & LibC.POLLIN) == 0) {
                continue;
            }
            VrrpSocket socket = sockets.get(i);
            List<VirtualRouter> routers = bySocket.get(socket);
            for (int n = 0; n < RECEIVE_BURST && socket.receive(reception); n++) {
                VirtualRouter r = find(routers, reception);
                if (r == null && engine.config().globals().logUnknownVrids()) {
                    log.info("Unknown VRID(" + reception.view.vrid() + ") received on interface("
                            + socket.interfaceName() + "). ignoring...");
                }
                if (r != null) {
                    try {
                        engine.receive(r, reception, now, actions);
                    } catch (RuntimeException e) {
                        log.info("(" + r.name() + ") error handling advert: " + e);
                    }
                }
            }
        }
    }

    /** The instance an advert is for: by VRID, and among unicast instances sharing one, by peer. */
    private static VirtualRouter find(List<VirtualRouter> routers, Reception in) {
        int vrid = in.view.vrid();
        VirtualRouter found = null;
        for (VirtualRouter r : routers) {
            if (r.vrid() != vrid) {
                continue;
            }
            if (found == null) {
                found = r;
            }
            if (r.config().isUnicast() && r.config().unicastPeers().stream()
                    .anyMatch(p -> Arrays.equals(p.getAddress(), in.source()))) {
                return r;
            }
        }
        return found;
    }

    private void close() {
        synchronized (wake) {
            closed = true;
            io.lvsj.sys.LibC.close(wakeFd);
        }
        arena.close();
    }
}
