package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.lvsj.keepalived.lvs.LabTopology.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same virtual servers run by Debian's keepalived 2.2.7 and by keepalived-j, each in a
 * namespace of its own in the lab: both must leave the same {@code ipvsadm -Sn} table.
 * Both read {@code oracle.conf} and run as their checker process: {@code keepalived -C -n} and
 * {@code bin/keepalived-j -C -n}. ({@link #handWritten()} is the same
 * configuration written as specs, which {@code LvsConfigMappingTest} compares with the mapping.)
 */
@KernelTest
class KeepalivedOracleKernelTest {
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1));
    static final CheckSpec CLOSED_PORT = new CheckSpec.Tcp(Endpoint.of(ip("127.0.0.1"), 1)
            .withConnectTimeout(Duration.ofSeconds(1)), TIMING);

    static RealServerSpec rs(String address, int port, Forwarding f) {
        return RealServerSpec.of(ip(address), port, f);
    }

    static VirtualServerSpec vs(ServiceKey key, ServiceTemplate template, RealServerSpec... realServers) {
        return VirtualServerSpec.of(key, template, List.of(realServers));
    }

    /** The configuration of oracle.conf, written as specs by hand (the mapping test compares them). */
    static List<VirtualServerSpec> handWritten() {
        ServiceKey group80 = ServiceKey.tcp(ip("203.0.113.20"), 80);
        return List.of(
                vs(ServiceKey.tcp(ip("203.0.113.10"), 80),
                        ServiceTemplate.of("wrr").withPersistence(600, Optional.of(0xffffff00)),
                        rs("198.51.100.2", 8080, Forwarding.NAT).withWeight(3),
                        rs("198.51.100.6", 8080, Forwarding.NAT).withInhibitOnFailure(true).withChecks(List.of(CLOSED_PORT)),
                        rs("198.51.100.10", 8080, Forwarding.NAT).withWeight(2).withChecks(List.of(CLOSED_PORT))),
                vs(ServiceKey.udp(ip("203.0.113.11"), 53), ServiceTemplate.of("mh").withFlags(
                                new ServiceFlags(ServiceFlags.SCHED1 | ServiceFlags.SCHED2 | ServiceFlags.ONEPACKET)),
                        rs("198.51.100.2", 5353, Forwarding.NAT)),
                vs(ServiceKey.fwmark(5, AddressFamily.INET), ServiceTemplate.of("sh").withFlags(
                                new ServiceFlags(ServiceFlags.SCHED2)),
                        rs("198.51.100.2", 0, Forwarding.DR)),
                vs(ServiceKey.tcp(ip("203.0.113.12"), 443), ServiceTemplate.of("lc"),
                        rs("198.51.100.2", 443, Forwarding.tunnel(TunnelType.GUE, 6080, TunnelType.FLAG_CSUM)),
                        rs("198.51.100.6", 443, Forwarding.tunnel(TunnelType.GRE, 0, TunnelType.FLAG_NOCSUM)),
                        rs("198.51.100.10", 443, Forwarding.TUN)),
                vs(ServiceKey.tcp(ip("203.0.113.13"), 80), ServiceTemplate.of("rr"),
                        rs("198.51.100.2", 80, Forwarding.NAT),
                        rs("198.51.100.6", 80, Forwarding.NAT).withInhibitOnFailure(true).withChecks(List.of(CLOSED_PORT)))
                        .withQuorum(2, 0)
                        .withSorryServer(Optional.of(new SorryServerSpec(ip("198.51.100.99"), 80, Forwarding.NAT, false))),
                vs(ServiceKey.tcp(ip("203.0.113.14"), 80), ServiceTemplate.of("rr"), rs("198.51.100.2", 80, Forwarding.NAT))
                        .withSorryServer(Optional.of(new SorryServerSpec(ip("198.51.100.99"), 8080, Forwarding.NAT, true))),
                new VirtualServerSpec(VirtualServerId.ofGroup("G", IpProtocol.TCP), "[G]:0",
                        List.of(group80, ServiceKey.tcp(ip("203.0.113.21"), 80), ServiceKey.tcp(ip("203.0.113.22"), 80),
                                ServiceKey.fwmark(7, AddressFamily.INET)),
                        ServiceTemplate.of("wlc"), List.of(rs("198.51.100.2", 80, Forwarding.DR)), Optional.empty(), 1, 0,
                        Optional.empty(), Optional.empty(), false, false, Optional.empty(), Optional.empty()),
                vs(ServiceKey.tcp(ip("2001:db8::10"), 443), ServiceTemplate.of("rr").withPersistence(360, Optional.empty()),
                        rs("2001:db8:1::2", 8443, Forwarding.NAT).withWeight(5)),
                vs(ServiceKey.sctp(ip("203.0.113.15"), 5060), ServiceTemplate.of("wlc"),
                        rs("198.51.100.2", 5060, Forwarding.NAT).withWeight(4).withThresholds(100, 50)));
    }

    static Set<String> table(LabNamespace ns) {
        return new TreeSet<>(Arrays.asList(ns.savedTable().split("\n")));
    }

    /** Waits until the table has not changed for two seconds (at least {@code minimum} after start). */
    static Set<String> settled(LabNamespace ns, Duration minimum) throws InterruptedException {
        long start = System.nanoTime();
        Set<String> last = table(ns);
        long stableSince = System.nanoTime();
        while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(500);
            Set<String> now = table(ns);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > 2_000_000_000L && System.nanoTime() - start > minimum.toNanos()) {
                return now;
            }
        }
        throw new AssertionError("the table of " + ns.name() + " never settled: " + last);
    }

    @Test
    void sameTableAsKeepalived(LabNamespace ours) throws Exception {
        Path conf = Files.createTempFile("ck-oracle", ".conf");
        Path output = Files.createTempFile("ck-keepalived", ".log");
        try (InputStream in = KeepalivedOracleKernelTest.class.getResourceAsStream("oracle.conf");
             LabNamespace theirs = LabNamespace.create("ck-ka")) {
            Files.write(conf, in.readAllBytes());
            Set<String> expected;
            try (BackgroundProcess keepalived = BackgroundProcess.start(List.of("ip", "netns", "exec", theirs.name(),
                    "keepalived", "-C", "-n", "-l", "-D", "-f", conf.toString(), "-p", "/run/ck-oracle.pid",
                    "-c", "/run/ck-oracle-checkers.pid"), output)) {
                expected = settled(theirs, Duration.ofSeconds(6));
                keepalived.stop(Duration.ofSeconds(30));
            }
            System.out.println("keepalived 2.2.7 built:\n" + String.join("\n", expected));
            assertTrue(expected.size() > 20, "keepalived ran: " + Files.readString(output));

            // keepalived-j's own command line, as keepalived's was run: the checkers only
            try (KeepalivedJ ourDaemon = KeepalivedJ.start(ours.name(), conf, Files.createTempDirectory("ck-ours"), "-C")) {
                ourDaemon.awaitLog("Startup complete", Duration.ofSeconds(120));
                assertEquals(String.join("\n", expected), String.join("\n", settled(ours, Duration.ofSeconds(3))),
                        ourDaemon.log());
                assertEquals(0, ourDaemon.stop(), ourDaemon.log());
            }
        } finally {
            Files.deleteIfExists(conf);
            Files.deleteIfExists(output);
        }
    }

    /**
     * The checkers' e-mail alerts and log lines beside keepalived's (smtp_alert): real servers
     * whose TCP_CHECK fails, whose MISC_CHECK script fails or times out, whose SMTP_CHECK is
     * refused, and so the quorum is lost; both send the same mails, byte for byte but the Date
     * header, to a recording SMTP server in their namespace, and log the same checker lines.
     */
    @Test
    void checkerMailsAreKeepalivedsMessages(LabNamespace ours) throws Exception {
        String text = """
                global_defs {
                  router_id lab
                  notification_email {
                    ops@example.com
                    oncall@example.com
                  }
                  notification_email_from lvs@example.com
                  smtp_server 127.0.0.1 2525
                  smtp_helo_name director.example.com
                  smtp_alert
                  enable_script_security
                  script_user root
                }
                virtual_server 203.0.113.30 80 {
                  delay_loop 1
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 127.0.0.1 1 {
                    TCP_CHECK {
                      connect_timeout 1
                      retry 0
                    }
                  }
                  real_server 127.0.0.2 80 {
                    MISC_CHECK {
                      misc_path "/bin/sleep 5"
                      misc_timeout 1
                      retry 0
                    }
                  }
                  real_server 127.0.0.3 80 {
                    MISC_CHECK {
                      misc_path "/bin/false"
                      retry 2
                    }
                  }
                  real_server 127.0.0.5 25 {
                    SMTP_CHECK {
                      connect_timeout 1
                      retry 0
                    }
                  }
                }
                """;
        Path conf = Files.createTempFile("ck-mail", ".conf");
        Path output = Files.createTempFile("ck-mail-keepalived", ".log");
        Files.writeString(conf, text);
        List<String> theirMails;
        List<String> ourMails;
        String ourLog;
        try (LabNamespace theirs = LabNamespace.create("ck-mail")) {
            try (io.lvsj.keepalived.lib.SmtpSink sink = new io.lvsj.keepalived.lib.SmtpSink(theirs.name(), "127.0.0.1", 2525);
                 BackgroundProcess keepalived = BackgroundProcess.start(List.of("ip", "netns", "exec", theirs.name(),
                         "keepalived", "-C", "-n", "-l", "-D", "-f", conf.toString(), "-p", "/run/ck-mail.pid",
                         "-c", "/run/ck-mail-checkers.pid"), output)) {
                theirMails = mails(sink, 6);
                keepalived.stop(Duration.ofSeconds(30));
            }
            try (io.lvsj.keepalived.lib.SmtpSink sink = new io.lvsj.keepalived.lib.SmtpSink(ours.name(), "127.0.0.1", 2525);
                 KeepalivedJ ourDaemon = KeepalivedJ.start(ours.name(), conf, Files.createTempDirectory("ck-mail"), "-C")) {
                ourDaemon.awaitLog("Startup complete", Duration.ofSeconds(120));
                ourMails = mails(sink, theirMails.size());
                assertEquals(0, ourDaemon.stop(), ourDaemon.log());
                ourLog = ourDaemon.log();
            }
        } finally {
            Files.deleteIfExists(conf);
        }
        String keepalivedLog = Files.readString(output);
        Files.deleteIfExists(output);
        assertEquals(6, theirMails.size(), "keepalived mailed the quorum at start, 4 failures and the lost quorum: " + theirMails + keepalivedLog);
        assertEquals(theirMails, ourMails);
        Set<String> theirLines = checkerLines(keepalivedLog);
        assertEquals(8, theirLines.size(), keepalivedLog);
        assertEquals(theirLines, checkerLines(ourLog));
    }

    /** The checkers' own lines of a log (after its time stamp), as a set: the order of different servers' checks is the timers'. */
    static Set<String> checkerLines(String log) {
        return log.lines().map(l -> l.replaceFirst("^.*? \\d{4}: ", ""))
                .filter(l -> l.startsWith("Misc check for") || l.startsWith("SMTP_CHECK") || l.startsWith("TCP_CHECK")
                        || l.startsWith("Activating healthchecker"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /** The mails {@code sink} got once it has {@code count} (or 20 s passed and 3 more with nothing new), Date left out. */
    static List<String> mails(io.lvsj.keepalived.lib.SmtpSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (sink.conversations().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(3000); // anything that would come after
        sink.awaitIdle();
        return sink.conversations().stream().map(c -> c.replaceFirst("Date: [^\r]*\r\n", "Date: (when)\r\n"))
                .sorted().toList();
    }

    static {
        // keepalived runs as a separate process in the lab; make sure the binary is there
        if (!new File("/usr/sbin/keepalived").canExecute()) {
            throw new IllegalStateException("Debian's keepalived is needed: apt-get install keepalived");
        }
    }

}
