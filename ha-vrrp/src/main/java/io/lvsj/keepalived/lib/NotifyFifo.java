package io.lvsj.keepalived.lib;

import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.host.SystemHost;
import io.lvsj.keepalived.script.RunAs;
import io.lvsj.keepalived.script.ScriptProcess;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code notify_fifo} ({@code vrrp_notify_fifo}, {@code lvs_notify_fifo}) and the
 * {@code notify_fifo_script} that reads it, as keepalived's {@code fifo_open}/{@code fifo_close}
 * ({@code lib/notify.c}) handle them:
 * <ul>
 *   <li>a missing FIFO is made (mode 0600: keepalived's 0644 under its umask 0177) and given
 *       to its owner; an existing one is used as it is, and never removed;</li>
 *   <li>the reader is started <em>before</em> the FIFO is opened, with the FIFO's path as its
 *       last argument, so it is there for the first line;</li>
 *   <li>the FIFO is held read-write and non-blocking: opening never waits for a reader, and a
 *       full pipe drops a line rather than stalling the daemon;</li>
 *   <li>a reader that exits on its own is logged ("vrrp notify fifo script terminated") and
 *       not restarted; at a reload or stop it gets SIGTERM, and SIGKILL a second later.</li>
 * </ul>
 * Better than keepalived: a reload keeps the FIFO itself (only the reader starts again), so a
 * FIFO both keepalived-j's VRRP and checker sides write to is never re-made under one of them;
 * and at stop the last lines (STOP) are written before the reader's SIGTERM, not after.
 * Signals go to the reader and its descendants (keepalived: its process group).
 */
public final class NotifyFifo implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;
    private static final int MODE = 0600;

    private final Path path;
    private final int fd;
    private final boolean created;
    private final Logger log;
    private final NetNamespace namespace;
    private final String process;
    private NotifyFifoConfig config;
    private Reader reader;
    private boolean closed;

    private NotifyFifo(NotifyFifoConfig config, int fd, boolean created, String process, NetNamespace namespace,
                       Logger log) {
        this.config = config;
        this.path = config.path();
        this.fd = fd;
        this.created = created;
        this.process = process;
        this.namespace = namespace;
        this.log = log;
    }

    /** Opens the FIFO at {@code path}, creating it first when there is nothing there; no reader. */
    public static NotifyFifo open(Path path) throws IOException {
        List<String> failures = new ArrayList<>();
        NotifyFifo fifo = open(NotifyFifoConfig.of(path), "", null, io.lvsj.log.LogOutput.lines(failures::add, false));
        if (fifo == null) {
            throw new IOException(String.join("; ", failures));
        }
        return fifo;
    }

    /**
     * Makes, starts the reader of, and opens {@code config}'s FIFO for {@code process} ("vrrp"
     * or "lvs": keepalived's name for the process in the reader's log line), the reader in
     * {@code namespace} (null: ours). Null, with keepalived's log line, when it cannot.
     */
    public static NotifyFifo open(NotifyFifoConfig config, String process, NetNamespace namespace, Logger log) {
        String where = config.kind() + "notify fifo " + config.path();
        boolean created = false;
        try {
            LibC.mkfifo(config.path().toString(), MODE);
            created = true;
            chown(config, log);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EEXIST.number()) {
                log.info("Unable to create " + where);
                return null;
            }
        }
        Reader reader = config.reader().isEmpty() ? null : Reader.start(config, process, namespace, log);
        int fd;
        try {
            if (Files.isSymbolicLink(config.path())) { // keepalived opens with O_NOFOLLOW
                throw new ErrnoException("open " + config.path(), Errno.ELOOP.number());
            }
            fd = LibC.open(config.path().toString(), O_RDWR | O_NONBLOCK | LibC.O_CLOEXEC);
        } catch (ErrnoException e) {
            log.info("Unable to open " + where + " - errno " + e.errno());
            if (created) {
                unlink(config.path());
            }
            return null; // as keepalived, a reader already started is left to run
        }
        NotifyFifo fifo = new NotifyFifo(config, fd, created, process, namespace, log);
        fifo.reader = reader;
        return fifo;
    }

    public Path path() {
        return path;
    }

    /**
     * A reload: the FIFO stays, {@code next}'s reader (on the same path) replaces the running
     * one, which gets SIGTERM as at keepalived's reload.
     */
    public NotifyFifo reopen(NotifyFifoConfig next) {
        if (!next.path().equals(path)) {
            throw new IllegalArgumentException(next.path() + " is not " + path);
        }
        stopReader();
        config = next;
        reader = next.reader().isEmpty() ? null : Reader.start(next, process, namespace, log);
        return this;
    }

    /**
     * Writes {@code text} at once; returns false when the pipe had no room for it (nothing is
     * then written, as keepalived drops the line on EAGAIN). Other errors throw.
     */
    public synchronized boolean write(String text) {
        if (closed) { // a writer that still held it while a reload closed it: its descriptor may be another file's now
            return false;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
            return LibC.tryWrite(fd, buffer, bytes.length) == bytes.length;
        }
    }

    /** The reader's process while it runs, for tests and the state dump. */
    public java.util.Optional<ProcessHandle> reader() {
        return reader == null ? java.util.Optional.empty() : java.util.Optional.of(reader.process.toHandle());
    }

    /** Stops the reader (waiting for it, at most a second and a kill), removes a FIFO we made, closes it. */
    @Override
    public void close() {
        stopReader().join();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (created) {
                unlink(path);
            }
            LibC.close(fd);
        }
    }

    private CompletableFuture<Void> stopReader() {
        Reader r = reader;
        reader = null;
        return r == null ? CompletableFuture.completedFuture(null) : r.stop();
    }

    /** {@code notify_fifo FIFO USER [GROUP]}: a FIFO we made goes to its owner, unless that is us. */
    private static void chown(NotifyFifoConfig config, Logger log) {
        RunAs owner = config.owner();
        if (owner.user() == null || owner.user().equals("root") && owner.group() == null) {
            return;
        }
        try {
            SystemHost host = new SystemHost(null);
            Host.Account account = host.user(owner.user()).orElseThrow(() -> new IOException("no user " + owner.user()));
            int gid = owner.group() == null ? account.gid()
                    : host.group(owner.group()).orElseThrow(() -> new IOException("no group " + owner.group()));
            Files.setAttribute(config.path(), "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(config.path(), "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            log.info("Failed to set uid:gid for fifo " + config.path());
        }
    }

    private static void unlink(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // keepalived ignores unlink's failure too
        }
    }

    /** A running {@code notify_fifo_script}. */
    private static final class Reader {
        private final Process process;
        private volatile boolean stopping;

        private Reader(Process process) {
            this.process = process;
        }

        static Reader start(NotifyFifoConfig config, String processName, NetNamespace namespace, Logger log) {
            List<String> argv = new ArrayList<>(config.reader());
            argv.add(config.path().toString());
            RunAs as = config.readerAccount();
            Process p;
            try {
                p = ScriptProcess.start(argv, as.userName(), as.groupName(), namespace);
            } catch (IOException e) {
                log.info("Error exec-ing command '" + argv.getFirst() + "': " + e.getMessage());
                return null;
            }
            Reader reader = new Reader(p);
            p.onExit().thenRun(() -> {
                if (!reader.stopping) {
                    log.info(processName + " notify fifo script terminated");
                }
            });
            return reader;
        }

        /**
         * SIGTERM to the reader and what it started; SIGKILL to any still there a second later.
         * Done once the reader is gone (a killed one is waited for, briefly: SIGKILL is not
         * refused, but its delivery and the reaping take a moment).
         */
        CompletableFuture<Void> stop() {
            stopping = true;
            List<ProcessHandle> family = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
            family.forEach(ProcessHandle::destroy);
            return process.onExit().completeOnTimeout(process, 1, TimeUnit.SECONDS).thenCompose(p -> {
                for (ProcessHandle h : family) {
                    if (h.isAlive()) {
                        h.destroyForcibly();
                    }
                }
                return process.onExit().completeOnTimeout(process, 1, TimeUnit.SECONDS);
            }).thenRun(() -> {
            });
        }
    }
}
