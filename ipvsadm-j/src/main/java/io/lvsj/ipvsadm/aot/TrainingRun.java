package io.lvsj.ipvsadm.aot;

import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.MemoryIpvs;
import io.lvsj.ipvs.IpvsCodec;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvsadm.Environment;
import io.lvsj.ipvsadm.Ipvsadm;
import io.lvsj.ipvsadm.Main;
import io.lvsj.ipvsadm.RealIpvsConnector;
import io.lvsj.ipvsadm.inet.GlibcNameService;
import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's training run for the AOT cache ({@code -XX:AOTCacheOutput}): the command lines
 * people run most, so that the classes they need are loaded and linked from the cache at
 * start-up. The kernel is never changed: changes go to an {@link MemoryIpvs}; the real
 * kernel is only opened and closed (to load the netlink and FFM classes) and asked whether
 * IPVS is there.
 */
public final class TrainingRun {
    private static final String RULES = """
            -A -t 192.0.2.10:80 -s rr
            -a -t 192.0.2.10:80 -r 10.1.1.1:8080 -m -w 2
            -a -t 192.0.2.10:80 -r 10.1.1.2:8080 -m -w 1 -x 100 -y 50
            -A -u 192.0.2.11:53 -s sh -b sh-fallback,sh-port -o
            -a -u 192.0.2.11:53 -r 10.1.1.3
            -A -t [2001:db8::80]:443 -s mh -p 300 -M 64 -b mh-port
            -a -t [2001:db8::80]:443 -r [2001:db8::a0a0]:8443 -m
            -A -f 1 -s wrr -p
            -a -f 1 -r 10.1.1.4 -i --tun-type gue --tun-port 6080 --tun-csum
            # a comment
            -A -t 192.0.2.10:80 -s rr
            """;

    private static final String CONNECTIONS = """
            Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
            TCP C0A80164 D431 C000020A 0050 0A010101 1F90 ESTABLISHED     899
            """;
    private static final String PROC_TABLE = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port Forward Weight ActiveConn InActConn
            TCP  C000020A:0050 rr
              -> 0A010101:1F90      Masq    2      0          0
              -> 0A010102:1F90      Masq    1      0          0
            """;

    private TrainingRun() {
    }

    public static void main(String[] args) {
        MemoryIpvs table = new MemoryIpvs();
        run(table, RULES, "-R");
        for (List<String> line : List.of(
                List.of("-h"), List.of("--help"), List.of("-v"), List.of("--version"),
                List.of("-Ln"), List.of("-L", "-n", "--stats"), List.of("-Ln", "--rate", "--exact"),
                List.of("-Ln", "--thresholds"), List.of("-Ln", "--persistent-conn"), List.of("-Ln", "--tun-info"),
                List.of("-Sn"), List.of("-Ln", "--json"), List.of("-Ln", "-t", "192.0.2.10:80"),
                List.of("-Ln", "--timeout"), List.of("-L", "--daemon"), List.of("-Lnc"),
                List.of("-A", "-t", "192.0.2.20:80", "-s", "wlc"), List.of("-e", "-t", "192.0.2.10:80", "-r",
                        "10.1.1.1:8080", "-w", "5"), List.of("-d", "-t", "192.0.2.10:80", "-r", "10.1.1.1:8080"),
                List.of("-D", "-t", "192.0.2.20:80"), List.of("-Z"), List.of("--set", "900", "120", "300"),
                List.of("-A", "-t", "1.2.3.4:80", "-w", "3"), List.of("-A", "--bogus"), List.of("-t", "x"))) {
            run(table, "", line.toArray(new String[0]));
        }
        // The paths of a real invocation: Main itself, whether IPVS is there (usually not on a
        // build machine), the native calls and netlink classes that talking to it needs, and the
        // encoding of each request.
        Main.run("ipvsadm", new String[]{"-L", "-t", "192.0.2.30:80"}, new RealIpvsConnector()); // read-only
        try (IpvsClient client = IpvsClient.open()) {
            client.info();
        } catch (NetlinkException expectedWithoutIpvs) {
            // a build machine usually has no IPVS; the classes are loaded either way
        }
        encodeEveryRequest();
    }

    private static void encodeEveryRequest() {
        MessageWriter writer = new MessageWriter(64 * 1024);
        MemoryIpvs table = new MemoryIpvs();
        run(table, RULES, "-R");
        for (ServiceEntry s : table.services()) {
            List<IpvsCommand> commands = new ArrayList<>(List.of(new IpvsCommand.AddService(s.service()),
                    new IpvsCommand.EditService(s.service()), new IpvsCommand.DeleteService(s.key()),
                    new IpvsCommand.Zero(s.key())));
            for (DestinationEntry d : table.destinations(s.key())) {
                commands.add(new IpvsCommand.AddDestination(s.key(), d.destination()));
                commands.add(new IpvsCommand.EditDestination(s.key(), d.destination()));
                commands.add(new IpvsCommand.DeleteDestination(s.key(), d.destination().address(), d.destination().port()));
            }
            for (IpvsCommand c : commands) {
                writer.clear();
                int start = writer.begin(0x24, 5, 1);
                IpvsCodec.encode(c, writer);
                writer.end(start);
                decodeAsAReply(c, writer);
            }
        }
    }

    /**
     * A service or destination message has the attributes of a kernel dump entry, so decoding
     * it loads and links the reply path too (the build machine's kernel has no IPVS to ask).
     */
    private static void decodeAsAReply(IpvsCommand command, MessageWriter writer) {
        switch (command) {
            case IpvsCommand.AddService add -> IpvsCodec.decodeService(MessageReader.read(writer.contents()).getFirst());
            case IpvsCommand.AddDestination add -> IpvsCodec.decodeDestination(
                    MessageReader.read(writer.contents()).getFirst(), add.service().family());
            default -> {
            }
        }
    }

    /** {@code /proc/net} files as real files, so that reading them takes the path it takes in use. */
    private static ReadableByteChannel procFile(String name) throws IOException {
        Path file = Files.createTempFile("ipvsadm-j-training-", "");
        try {
            Files.writeString(file, name.equals("ip_vs_conn") ? CONNECTIONS : PROC_TABLE, StandardCharsets.ISO_8859_1);
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void run(MemoryIpvs table, String stdin, String... args) {
        Environment env = new Environment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)),
                new ByteArrayOutputStream(), new ByteArrayOutputStream(),
                table != null ? () -> table : new RealIpvsConnector(),
                new Environment.ProcNet() {
                    @Override
                    public String read(String name) {
                        return name.equals("ip_vs_conn") ? CONNECTIONS : PROC_TABLE;
                    }

                    @Override
                    public ReadableByteChannel open(String name) throws IOException {
                        return procFile(name);
                    }
                },
                new GlibcNameService(), false);
        Ipvsadm.run(env, "ipvsadm", List.of(args));
    }
}
