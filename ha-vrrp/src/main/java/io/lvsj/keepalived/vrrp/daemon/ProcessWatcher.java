package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.config.TrackProcessConfig;
import io.lvsj.keepalived.vrrp.process.ProcFs;
import io.lvsj.keepalived.vrrp.process.ProcessTracker;
import io.lvsj.proc.ProcessConnector;
import io.lvsj.proc.ProcessEvent;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import org.slf4j.Logger;

import java.util.List;
import java.util.Map;

/**
 * {@code vrrp_track_process} for the daemon: the processes running at start, then the kernel's
 * process connector, kept on a thread of its own ("vrrp-process") that reports each quorum
 * gained or lost; the delays run there too. Like keepalived it reads what {@code /proc} says
 * of a process when it runs a new program or changes its name, and reads everything again
 * when events were lost. Only main-thread events count (threads are not processes).
 */
final class ProcessWatcher implements AutoCloseable {
    /** Where quorum changes go (to the VRRP thread). */
    interface Listener {
        void quorum(String name, boolean quorum);
    }

    private final ProcessTracker tracker;
    private final boolean commandLines;
    private final Listener listener;
    private final Logger log;
    private volatile boolean closed;
    private volatile ProcessConnector connector;

    ProcessWatcher(List<TrackProcessConfig> tracked, Listener listener, Logger log) {
        this.tracker = new ProcessTracker(tracked);
        this.commandLines = tracker.needsCommandLines();
        this.listener = listener;
        this.log = log;
        if (!tracked.isEmpty()) {
            // subscribe first, then read what runs: a process started in between is not missed
            try {
                connector = ProcessConnector.open();
            } catch (ErrnoException e) {
                // keepalived's words; it then skips reading /proc, keepalived-j still counts what runs
                log.info("Failed to set/clear process event listen - errno " + e.errno() + " - "
                        + Errno.describe(e.errno()));
            }
            tracker.begin(ProcFs.running(commandLines));
        }
    }

    /** The quorums found at start. */
    Map<String, Boolean> quorums() {
        return tracker.quorums();
    }

    /** Follows the process events until {@link #close()}; nothing when nothing is tracked. */
    void start() {
        if (connector != null) {
            Thread.ofPlatform().name("vrrp-process").daemon(true).start(this::run);
        }
    }

    private void run() {
        while (!closed) {
            long now = System.nanoTime() / 1000;
            long deadline = tracker.nextDeadline();
            if (deadline <= now) {
                report(tracker.runTimers(now));
                continue;
            }
            int wait = deadline == ProcessTracker.NEVER ? 1000 : (int) Math.min(1000, (deadline - now + 999) / 1000);
            List<ProcessEvent> events;
            try {
                events = connector.next(wait);
            } catch (RuntimeException e) {
                if (!closed) {
                    log.info("process monitoring stopped: " + e.getMessage());
                }
                return;
            }
            long at = System.nanoTime() / 1000;
            for (ProcessEvent e : events) {
                report(switch (e) {
                    case ProcessEvent.Fork f when f.childPid() == f.childTgid() -> tracker.fork(f.parentTgid(),
                            f.childTgid(), at);
                    case ProcessEvent.Exec x when x.pid() == x.tgid() -> tracker.exec(ProcFs.process(x.tgid(),
                            commandLines));
                    case ProcessEvent.Comm c when c.pid() == c.tgid() -> tracker.commChanged(
                            new io.lvsj.keepalived.vrrp.process.RunningProcess(c.tgid(), c.comm(), null));
                    case ProcessEvent.Exit x when x.pid() == x.tgid() -> tracker.exit(x.tgid(), at);
                    case ProcessEvent.Lost l -> tracker.rescan(ProcFs.running(commandLines), at);
                    default -> List.of();
                });
            }
        }
    }

    private void report(List<ProcessTracker.Change> changes) {
        changes.forEach(c -> listener.quorum(c.name(), c.quorum()));
    }

    @Override
    public void close() {
        closed = true;
        ProcessConnector c = connector;
        if (c != null) {
            c.close();
        }
    }
}
