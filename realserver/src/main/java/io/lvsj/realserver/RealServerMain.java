package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;
import io.lvsj.sys.StateFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lvsj-realserver}: the real-server side of IPVS direct routing and tunnelling.
 * Exit status: 0 done, 1 the host refused (one line says why; nothing was left half-done),
 * 2 a mistake on the command line or in the config file, 3 from status: not started.
 */
@Command(name = "lvsj-realserver", mixinStandardHelpOptions = true, versionProvider = RealServerMain.Version.class,
        description = {"Sets up a real server for IPVS direct routing (DR) and tunnels (TUN): the VIPs on a device"
                + " that does not announce them, ARP suppression, the tunnel devices and their settings. stop undoes"
                + " exactly what start changed (saved in /run/lvsj/realserver). See docs/realserver.md.", "",
                "Exit status: 0 done; 1 the host refused (nothing is left half-done); 2 a mistake on the command"
                + " line or in the config file; 3 (status) not started."},
        subcommands = {RealServerMain.Start.class, RealServerMain.Stop.class, RealServerMain.StatusCommand.class})
public final class RealServerMain implements Callable<Integer> {
    static final Path DEFAULT_CONFIG = Path.of("/etc/lvsj-realserver/realserver.conf");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RealServerMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, result) -> {
            if (e instanceof ConfigException) {
                err.println("lvsj-realserver: " + e.getMessage());
                return 2;
            }
            if (e instanceof SetupException) {
                err.println("lvsj-realserver: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl.execute(args);
    }

    static RealServerTool tool() {
        return new RealServerTool(null, StateFile.runDirectory());
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Sets up the VIPs (from the options, else"
            + " from the config file) and what they need; does only what is missing, and undoes what VIPs no longer"
            + " given needed.")
    static final class Start implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "config file (default /etc/lvsj-realserver/realserver.conf when no VIP is given)")
        Path config;

        @Option(names = "--dr", paramLabel = "VIP", description = "a VIP served by direct routing")
        List<String> dr = new ArrayList<>();

        @Option(names = "--dev", paramLabel = "DEVICE", defaultValue = "lo",
                description = "the device for --dr VIPs: lo (default) or a dummy device, made if missing")
        String device;

        @Option(names = "--tun", paramLabel = "VIP", description = "a VIP served through a tunnel")
        List<String> tun = new ArrayList<>();

        @Option(names = "--tun-type", paramLabel = "TYPE", defaultValue = "ipip",
                description = "the tunnel of --tun VIPs: ipip (default), gre or gue")
        String tunnelType;

        @Option(names = "--tun-port", paramLabel = "PORT", description = "the UDP port of a gue tunnel")
        Integer tunnelPort;

        @Option(names = "--arp-interface", paramLabel = "IF",
                description = "set the ARP settings on IF (repeatable) instead of on all interfaces")
        List<String> arpInterfaces = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            RealServerConfig c = config();
            if (c.isEmpty()) {
                throw new ConfigException("nothing to start: give --dr or --tun VIPs, or VIPs in a config file (-c)");
            }
            tool().start(c).forEach(spec.commandLine().getOut()::println);
            return 0;
        }

        private RealServerConfig config() throws IOException {
            if (dr.isEmpty() && tun.isEmpty()) {
                Path file = config != null ? config : DEFAULT_CONFIG;
                try {
                    return ConfigFile.parse(Files.readString(file), file.toString());
                } catch (NoSuchFileException e) {
                    throw new ConfigException(file + ": no such file");
                }
            }
            if (config != null) {
                throw new ConfigException("give VIPs either on the command line or in a config file (-c), not both");
            }
            TunnelType type = ConfigFile.tunnelType(tunnelType);
            if ((type == TunnelType.GUE) != (tunnelPort != null)) {
                throw new ConfigException(type == TunnelType.GUE ? "--tun-type gue needs --tun-port"
                        : "--tun-port goes with --tun-type gue only");
            }
            List<Vip> vips = new ArrayList<>();
            dr.forEach(a -> vips.add(new Vip(ConfigFile.address(a), new Vip.Dr(device))));
            for (String a : tun) {
                vips.add(new Vip(ConfigFile.address(a), new Vip.Tun(type, tunnelPort == null ? 0
                        : ConfigFile.port(String.valueOf(tunnelPort)))));
            }
            return new RealServerConfig(vips, arpInterfaces);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Undoes what start changed, and nothing else.")
    static final class Stop implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            tool().stop().forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the VIPs started and whether each"
            + " is in place. Exit status 0: all in place; 1: some missing; 3: not started.")
    static final class StatusCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RealServerTool.Status s = tool().status();
            s.lines().forEach(spec.commandLine().getOut()::println);
            return s.code();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RealServerMain.class.getPackage().getImplementationVersion();
            return new String[]{"lvsj-realserver " + (v != null ? v : "(development build)") + " (LVS-J)"};
        }
    }
}
