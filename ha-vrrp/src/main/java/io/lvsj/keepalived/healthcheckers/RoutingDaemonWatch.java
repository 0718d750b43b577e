package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.config.GlobalDefs;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code routing_daemon}: asks the daemon that announces the {@code vip_bind_dev} VIPs, every few
 * seconds, whether it runs and how many BGP sessions it has established, and logs when that
 * changes. keepalived-j never tells the daemon anything (it exports an interface): this only
 * makes a daemon that is not there, or reaches no router, visible in keepalived-j's log. BIRD is
 * asked {@code show protocols} on its control socket; FRR's bgpd {@code show bgp neighbors json}
 * on its vty socket (a command ends with a NUL; the reply ends with three NULs and a status).
 */
public final class RoutingDaemonWatch implements AutoCloseable {
    static final long PERIOD_SECONDS = 5;
    private static final long ANSWER_MILLIS = 2000;

    private final GlobalDefs.RoutingDaemon daemon;
    private final Logger log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lvsj-routing-daemon").unstarted(r));
    private final AtomicReference<RoutingDaemonState> last = new AtomicReference<>();

    public RoutingDaemonWatch(GlobalDefs.RoutingDaemon daemon, Logger log) {
        this.daemon = daemon;
        this.log = log;
        timer.scheduleWithFixedDelay(this::look, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    public GlobalDefs.RoutingDaemon daemon() {
        return daemon;
    }

    /** What the daemon said last (null before the first answer). */
    RoutingDaemonState state() {
        return last.get();
    }

    private void look() {
        RoutingDaemonState now = ask();
        if (!now.equals(last.getAndSet(now))) {
            log.info(now.describe(daemon));
        }
    }

    /** One question, on a virtual thread, given up after two seconds: a hung daemon must not hang this. */
    RoutingDaemonState ask() {
        SocketChannel[] open = new SocketChannel[1];
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<RoutingDaemonState> answer = threads.submit(() -> {
                Path socket = Path.of(RoutingDaemonState.where(daemon));
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    open[0] = channel;
                    return daemon.kind() == GlobalDefs.RoutingDaemon.Kind.BIRD ? bird(channel) : frr(channel);
                }
            });
            try {
                return answer.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                close(open[0]);
                answer.cancel(true);
                return new RoutingDaemonState.Silent("no answer within " + ANSWER_MILLIS + " ms");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                return new RoutingDaemonState.Silent(why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RoutingDaemonState.Silent("interrupted");
            }
        }
    }

    private static void close(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing to stop a read: nothing more to do
        }
    }

    /** A line of BIRD's that ends a reply: a four-digit code and a blank. */
    private static final Pattern BIRD_LAST = Pattern.compile("(?m)^\\d{4} .*\n");

    /** BIRD: a greeting line (0001), then the command; the reply ends with a line whose code has a blank after it. */
    private static RoutingDaemonState bird(SocketChannel channel) throws IOException {
        String greeting = read(channel, text -> BIRD_LAST.matcher(text).find());
        if (!greeting.startsWith("0001 ")) {
            throw new IOException("not BIRD's control socket: " + greeting.strip());
        }
        channel.write(ByteBuffer.wrap("show protocols\n".getBytes(StandardCharsets.US_ASCII)));
        return RoutingDaemonState.fromBird(read(channel, text -> BIRD_LAST.matcher(text).find()));
    }

    /** FRR's vty: the command and a NUL; the reply ends with three NULs and a status byte (0: done). */
    private static RoutingDaemonState frr(SocketChannel channel) throws IOException {
        channel.write(ByteBuffer.wrap("show bgp neighbors json\0".getBytes(StandardCharsets.US_ASCII)));
        String reply = read(channel, text -> {
            int end = text.indexOf("\0\0\0");
            return end >= 0 && text.length() > end + 3;
        });
        return RoutingDaemonState.fromFrr(reply);
    }

    /**
     * Reads until {@code done} says the text so far is a whole reply. The daemon sends nothing
     * more until it is asked again, so reading in blocks cannot take part of the next reply.
     */
    private static String read(SocketChannel channel, Predicate<String> done) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer block = ByteBuffer.allocate(8192);
        while (true) {
            block.clear();
            int n = channel.read(block);
            if (n < 0) {
                throw new IOException("closed by the daemon");
            }
            out.write(block.array(), 0, n);
            String text = out.toString(StandardCharsets.UTF_8);
            if (done.test(text)) {
                return text;
            }
            if (out.size() > 4 << 20) {
                throw new IOException("reply longer than 4 MB");
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
