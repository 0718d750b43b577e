package io.lvsj.realserver;

import io.lvsj.sys.StateFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run for lvsj-realserver's AOT cache, made at build and package time through
 * the launcher ({@code LVSJ_AOT_TRAINING=FILE bin/lvsj-realserver}): the command line, the
 * config file, the plan against this host's links and addresses (read only), the state file
 * and {@code status}, so that the JVM records the classes a start or stop at boot loads. The
 * host is never changed: the state goes to a scratch directory. Not a command for people.
 */
public final class Training {
    private static final String CONFIG = """
            dr  192.0.2.10
            dr  192.0.2.11 dev lvsj-aot0
            dr  2001:db8::10
            tun 192.0.2.20 ipip
            tun 192.0.2.21 gre
            tun 192.0.2.22 gue port 6080
            tun 2001:db8::20 ipip
            arp-interface eth0
            """;

    private Training() {
    }

    public static void main(String[] args) throws IOException {
        StringWriter sink = new StringWriter();
        PrintWriter out = new PrintWriter(sink);
        for (String[] command : List.of(new String[]{"--help"}, new String[]{"start", "--help"},
                new String[]{"--version"}, new String[]{"start", "--dr", "192.0.2.300"})) {
            RealServerMain.run(command, out, out);
        }
        RealServerConfig config = ConfigFile.parse(CONFIG, "training.conf");
        HostChanges host = new HostChanges(null);
        List<Step> steps = Plan.steps(config, host.view());
        Plan.purposes(config);
        Path scratch = Files.createTempDirectory("lvsj-realserver-aot");
        try {
            RealServerTool tool = new RealServerTool(null, scratch);
            tool.status();
            tool.stop();
            StateFile file = new StateFile(scratch, "realserver", null);
            List<Change> changes = List.of(new Change.Sysctl("arp", "net.ipv4.conf.all.arp_ignore", "0", "1"));
            file.write(new RealServerState(config, changes).text());
            RealServerState.parse(file.read().orElseThrow(), file.path().toString());
            tool.status().lines().forEach(out::println);
            out.println(steps.size());
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
