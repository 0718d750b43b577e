package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.net.NonBlockingFile;
import io.lvsj.sys.ErrnoException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code notify_fifo} / {@code lvs_notify_fifo} for the checker: lines
 * {@code VS [192.0.2.1]:tcp:80 UP} and {@code RS [198.51.100.1]:tcp:80 [192.0.2.1]:tcp:80 DOWN},
 * each followed by a NUL byte, as keepalived's checker writes them (it writes
 * {@code strlen + 1} bytes). The FIFO is created if missing and opened read-write and
 * non-blocking, so a write never waits for a reader; a line that does not fit is dropped.
 */
public final class NotifyFifo implements AutoCloseable {
    private final NonBlockingFile file;
    private final Consumer<String> log;

    private NotifyFifo(NonBlockingFile file, Consumer<String> log) {
        this.file = file;
        this.log = log;
    }

    /** Opens (creating with {@code mkfifo} if needed) the FIFO at {@code path}. */
    public static NotifyFifo open(Path path, Consumer<String> log) throws IOException {
        if (!Files.exists(path)) {
            try {
                Process p = new ProcessBuilder("mkfifo", "-m", "0644", path.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IOException("cannot create FIFO " + path + ": " + out.trim());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted creating FIFO " + path, e);
            }
        }
        try {
            return new NotifyFifo(NonBlockingFile.open(path.toString()), log);
        } catch (ErrnoException e) {
            throw new IOException("cannot open FIFO " + path + ": " + e.getMessage(), e);
        }
    }

    /** The line for an event, or empty when keepalived writes none for it. */
    public static Optional<String> line(LvsEvent event) {
        VirtualServerSpec vs = event.virtualServer();
        return switch (event) {
            case LvsEvent.RealServerChanged c -> Optional.of("RS " + Names.realServer(vs, c.realServer()) + " "
                    + vs.name() + (c.alive() ? " UP" : " DOWN"));
            case LvsEvent.RealServerConfirmed c -> Optional.of("RS " + Names.realServer(vs, c.realServer()) + " "
                    + vs.name() + (c.alive() ? " UP" : " DOWN"));
            case LvsEvent.RealServerRemoved r -> r.wasAlive() && (!r.stopping() || vs.omega())
                    ? Optional.of("RS " + Names.realServer(vs, r.realServer()) + " " + vs.name() + " DOWN")
                    : Optional.empty();
            case LvsEvent.QuorumChanged q -> Optional.of("VS " + vs.name() + (q.up() ? " UP" : " DOWN"));
            case LvsEvent.VirtualServerRemoved v -> v.quorumWasUp() && (!v.stopping() || vs.omega())
                    ? Optional.of("VS " + vs.name() + " DOWN") : Optional.empty();
            case LvsEvent.WeightChanged w -> Optional.empty();
        };
    }

    public void write(LvsEvent event) {
        line(event).ifPresent(this::write);
    }

    private void write(String line) {
        byte[] text = (line + "\n\0").getBytes(StandardCharsets.UTF_8);
        try {
            file.write(text); // a full FIFO drops the line, as keepalived's EAGAIN does
        } catch (ErrnoException e) {
            log.accept("Cannot write to notify FIFO: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
