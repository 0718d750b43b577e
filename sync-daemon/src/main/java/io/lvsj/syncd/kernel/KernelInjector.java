package io.lvsj.syncd.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Gives the kernel's backup sync daemon connections as if a master kernel had sent them: sync
 * datagrams multicast out of the relay side of the {@link SyncLink}, so they arrive on the
 * kernel side, where the backup daemon is bound. Multicast loop is off (nothing comes back to
 * lvs-syncd), TTL 1.
 *
 * <p>The backup daemon reads one datagram at a time into a socket buffer of a few hundred
 * kilobytes, so a whole table (state transfer) is sent in bursts, and a burst during which
 * the namespace counted receive-buffer drops is sent again after a pause. A record sent twice
 * is harmless: the kernel updates the connection it already has.
 */
public final class KernelInjector implements AutoCloseable {
    static final int BURST = 32;
    static final int RETRIES = 50;
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final LongSupplier receiveBufferErrors;

    KernelInjector(DatagramChannel channel, InetSocketAddress target, LongSupplier receiveBufferErrors) {
        this.channel = channel;
        this.target = target;
        this.receiveBufferErrors = receiveBufferErrors;
    }

    public static KernelInjector open(String relaySide, InetAddress group, int port) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(relaySide);
        if (nif == null) {
            throw new IOException("the sync interface " + relaySide + " does not exist");
        }
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, false);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot send to the kernel's backup sync daemon on " + relaySide + ": "
                    + e.getMessage(), e);
        }
        return new KernelInjector(ch, new InetSocketAddress(group, port), UdpErrors.system());
    }

    /**
     * Sends {@code datagrams} in order, again where the kernel dropped some; returns how many
     * bursts still saw drops after every retry (0 when all arrived as far as can be told).
     */
    public synchronized int inject(List<byte[]> datagrams) throws IOException {
        int failedBursts = 0;
        int i = 0;
        int retries = 0;
        while (i < datagrams.size()) {
            int end = Math.min(i + BURST, datagrams.size());
            long before = receiveBufferErrors.getAsLong();
            for (int j = i; j < end; j++) {
                channel.send(ByteBuffer.wrap(datagrams.get(j)), target);
            }
            long after = receiveBufferErrors.getAsLong();
            if (after > before && before >= 0) {
                if (retries++ < RETRIES) {
                    pause(Math.min(50, 2L * retries));
                    continue;
                }
                failedBursts++;
            }
            i = end;
            retries = 0;
        }
        return failedBursts;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
