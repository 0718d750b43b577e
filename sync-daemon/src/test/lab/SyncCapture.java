import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * Lab tool (run by capture-sync-golden.sh, not part of the build): prints every IPVS sync
 * datagram that arrives on INTERFACE (224.0.0.81:8848) for SECONDS, one hex line each,
 * appended to FILE under a "# LABEL" line. This is how lvs-syncd captures too: the master
 * kernel's daemon sends out of one end of a veth pair, and this socket listens on the other.
 *
 *   java SyncCapture.java INTERFACE SECONDS FILE LABEL
 */
public class SyncCapture {
    public static void main(String[] args) throws Exception {
        NetworkInterface nif = NetworkInterface.getByName(args[0]);
        InetAddress group = InetAddress.ofLiteral("224.0.0.81");
        try (DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
             Selector selector = Selector.open()) {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(group, 8848));
            ch.join(group, nif);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ);
            Files.writeString(Path.of(args[3] + ".ready"), "");
            long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
            StringBuilder out = new StringBuilder("# " + args[3] + "\n");
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (System.nanoTime() < end) {
                if (selector.select(200) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                while (ch.receive(buf.clear()) != null) {
                    buf.flip();
                    out.append(HexFormat.of().formatHex(buf.array(), 0, buf.limit())).append('\n');
                }
            }
            Files.writeString(Path.of(args[2]), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
