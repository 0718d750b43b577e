package io.lvsj.keepalived.lib;

import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notify FIFOs one side of keepalived-j (VRRP or the checkers) writes to, kept in step with
 * the configuration: at a reload a FIFO still configured keeps its pipe and gets its reader
 * started again, one no longer configured is closed, a new one is opened.
 */
public final class NotifyFifos implements AutoCloseable {
    private final String process;
    private final NetNamespace namespace;
    private final Logger log;
    private volatile List<NotifyFifo> open = List.of();

    /**
     * @param process   "vrrp" or "lvs": which keepalived process's FIFOs these are, for log lines
     * @param namespace where readers run (null: ours)
     */
    public NotifyFifos(String process, NetNamespace namespace, Logger log) {
        this.process = process;
        this.namespace = namespace;
        this.log = log;
    }

    /** Opens, reopens and closes FIFOs so that {@code wanted} are open; returns them. */
    public synchronized List<NotifyFifo> configure(List<NotifyFifoConfig> wanted) {
        Map<Path, NotifyFifo> before = new LinkedHashMap<>();
        open.forEach(f -> before.put(f.path(), f));
        List<NotifyFifo> now = new ArrayList<>();
        for (NotifyFifoConfig c : wanted) {
            NotifyFifo kept = before.remove(c.path());
            NotifyFifo fifo = kept != null ? kept.reopen(c) : NotifyFifo.open(c, process, namespace, log);
            if (fifo != null) {
                now.add(fifo);
            }
        }
        open = List.copyOf(now);
        before.values().forEach(NotifyFifo::close);
        return open;
    }

    /** {@code line} to each FIFO; a full pipe loses it, as keepalived's. */
    public void write(String line) {
        for (NotifyFifo f : open) {
            f.write(line);
        }
    }

    public List<NotifyFifo> open() {
        return open;
    }

    /** Stops the readers, removes the FIFOs we made. */
    @Override
    public synchronized void close() {
        List<NotifyFifo> last = open;
        open = List.of();
        last.forEach(NotifyFifo::close);
    }
}
