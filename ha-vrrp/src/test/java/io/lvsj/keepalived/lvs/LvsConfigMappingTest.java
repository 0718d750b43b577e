package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.Octets;
import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.FakeHost;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.parse.KeepalivedConfigParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.lvsj.keepalived.lvs.LabTopology.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * keepalived.conf, read by keepalived-j's parser, mapped to the checker's specs: the oracle
 * configuration maps to exactly the specs the kernel oracle test was first written with, and
 * every other keyword lands where it should.
 */
class LvsConfigMappingTest {
    static KeepalivedConfig parse(String text) throws IOException {
        Path dir = Files.createTempDirectory("ck-map");
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, text);
        try {
            ConfigReport report = KeepalivedConfigParser.parse(new KeepalivedConfigParser.Request(file.toString(), dir,
                    null, FakeHost.INSTANCE, new Random(1), false));
            return report.config();
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = LvsConfigMappingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void bfdCheckFollowsItsSession() throws IOException {
        KeepalivedConfig config = parse("""
                bfd_instance peer1 {
                  neighbor_ip 192.0.2.5
                }
                virtual_server 192.0.2.10 80 {
                  real_server 198.51.100.2 80 {
                    BFD_CHECK {
                      name peer1
                      alpha
                    }
                  }
                  real_server 198.51.100.3 80 {
                    BFD_CHECK {
                      name peer1
                    }
                  }
                }
                """);
        List<String> warnings = new ArrayList<>();
        VirtualServerSpec vs = LvsConfigMapping.virtualServers(config, warnings::add).getFirst();
        assertEquals(List.of(), warnings);
        CheckSpec.Bfd alpha = (CheckSpec.Bfd) vs.realServers().get(0).checks().getFirst();
        CheckSpec.Bfd plain = (CheckSpec.Bfd) vs.realServers().get(1).checks().getFirst();
        assertEquals("peer1", alpha.session());
        assertTrue(alpha.alpha());
        assertFalse(plain.alpha());
    }

    @Test
    void theOracleConfigurationMapsToTheHandWrittenSpecs() throws IOException {
        List<String> warnings = new ArrayList<>();
        List<VirtualServerSpec> mapped = LvsConfigMapping.virtualServers(parse(resource("oracle.conf")), warnings::add);
        List<VirtualServerSpec> expected = KeepalivedOracleKernelTest.handWritten();
        assertEquals(expected.size(), mapped.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), mapped.get(i), expected.get(i).name());
            assertEquals(expected.get(i).name(), mapped.get(i).name());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void checkersAndTheirInheritance() throws IOException {
        KeepalivedConfig config = parse("""
                track_file weight {
                  file /run/ck-weight
                  weight 3
                }
                virtual_server 192.0.2.10 80 {
                  delay_loop 7
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  virtualhost vs.example
                  omega
                  real_server 198.51.100.2 8080 {
                    weight 2
                    uthreshold 50
                    lthreshold 10
                    notify_down "/bin/echo down"
                    HTTP_GET {
                      url {
                        path /health
                        status_code 200-204 301
                        digest 0123456789ABCDEF0123456789abcdef
                        regex "ok"
                        regex_options caseless
                      }
                      connect_timeout 3
                      retry 2
                      delay_before_retry 4
                      fwmark 9
                    }
                    UDP_CHECK {
                      connect_port 53
                      payload 0102
                      require_reply 03X4
                    }
                    DNS_CHECK {
                      type MX
                      name example.com
                    }
                    FILE_CHECK {
                      track_file weight
                    }
                    MISC_CHECK {
                      misc_path "/bin/true arg"
                      misc_dynamic
                    }
                  }
                }
                """);
        VirtualServerSpec vs = LvsConfigMapping.virtualServers(config, w -> { }).getFirst();
        assertTrue(vs.omega());
        RealServerSpec rs = vs.realServers().getFirst();
        assertEquals(2, rs.weight());
        assertEquals(50, rs.upperThreshold());
        assertEquals(10, rs.lowerThreshold());
        // resolved as keepalived resolves it ("/usr/bin/echo" where /bin is a link to usr/bin)
        assertEquals(List.of(java.nio.file.Path.of("/bin/echo").toRealPath().toString(), "down"),
                rs.notifyDown().orElseThrow().argv());
        CheckSpec.Http http = (CheckSpec.Http) rs.checks().get(0);
        assertEquals(Optional.of("vs.example"), http.virtualhost(), "virtualhost inherited from the virtual server");
        assertEquals(Duration.ofSeconds(3), http.endpoint().connectTimeout());
        assertEquals(9, http.endpoint().fwmark());
        assertEquals(2, http.timing().retry());
        assertEquals(Duration.ofSeconds(4), http.timing().delayBeforeRetry());
        assertEquals(Duration.ofSeconds(7), http.timing().delayLoop());
        CheckSpec.HttpUrl url = http.urls().getFirst();
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), url.digest());
        assertTrue(url.statusCodes().accepts(204) && url.statusCodes().accepts(301) && !url.statusCodes().accepts(205));
        assertEquals(Optional.of("(?i)ok"), url.regex());
        CheckSpec.Udp udp = (CheckSpec.Udp) rs.checks().get(1);
        assertEquals(53, udp.endpoint().port());
        assertEquals(Octets.ofHex("0102"), udp.payload());
        assertTrue(udp.requireReply());
        assertEquals(Octets.ofHex("0304"), udp.reply());
        assertEquals(Octets.ofHex("00f0"), udp.replyMask(), "X is a wildcard nibble");
        CheckSpec.Dns dns = (CheckSpec.Dns) rs.checks().get(2);
        assertEquals(CheckSpec.DnsType.MX, dns.type());
        assertEquals("example.com", dns.name());
        CheckSpec.File file = (CheckSpec.File) rs.checks().get(3);
        assertEquals(Path.of("/run/ck-weight"), file.path());
        assertEquals(3, file.weight(), "the track_file's weight");
        CheckSpec.Misc misc = (CheckSpec.Misc) rs.checks().get(4);
        assertEquals(List.of(Path.of("/bin/true").toRealPath().toString(), "arg"), misc.command());
        assertTrue(misc.dynamic());
        assertEquals(Duration.ofSeconds(7), misc.timeout(), "misc_timeout defaults to delay_loop");
    }

    @Test
    void sslGetWithFwmarkRunsWithoutItAndSaysSo() throws IOException {
        KeepalivedConfig config = parse("""
                virtual_server 192.0.2.10 443 {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  real_server 198.51.100.2 443 {
                    SSL_GET {
                      url {
                        path /
                      }
                      fwmark 5
                    }
                  }
                }
                """);
        List<String> warnings = new ArrayList<>();
        CheckSpec.Http http = (CheckSpec.Http) LvsConfigMapping.virtualServers(config, warnings::add).getFirst()
                .realServers().getFirst().checks().getFirst();
        assertEquals(0, http.endpoint().fwmark());
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().endsWith("SSL_GET with fwmark or bind_if is not supported by keepalived-j;"
                + " the check runs without them"), warnings.getFirst());
    }

    /**
     * A MISC_CHECK or notify script runs with the group named after its own user, else (no user
     * of its own) with script_user's; empty is the user's primary group. (The scripts' ids
     * beside keepalived's: LocalStateInteropTest.scriptsRunAsTheirUserAndGroup.)
     */
    @Test
    void scriptsRunWithTheirGroup() throws IOException {
        KeepalivedConfig config = parse("global_defs {\n  script_user nobody daemon\n}\n");
        java.util.function.BiFunction<String, String, Script> script = (user, group) -> new Script(
                io.lvsj.keepalived.config.Location.NONE, List.of("/bin/true"), Optional.ofNullable(user),
                Optional.ofNullable(group));
        java.util.function.BiFunction<KeepalivedConfig, Script, Optional<String>> group = (c, s) -> LvsConfigMapping
                .command(io.lvsj.keepalived.script.ScriptUsers.byDefault(c.global().scripts()), s).group();
        assertEquals(Optional.of("bin"), group.apply(config, script.apply("daemon", "bin")));
        assertEquals(Optional.empty(), group.apply(config, script.apply("daemon", null)),
                "its own user's primary group, not script_user's group");
        assertEquals(Optional.of("daemon"), group.apply(config, script.apply(null, null)));
        assertEquals(Optional.empty(), group.apply(parse("global_defs {\n  script_user nobody\n}\n"),
                script.apply(null, null)));
    }

    @Test
    void drainOnReloadIsTheVirtualServersDrainTime() throws IOException {
        String text = """
                virtual_server 192.0.2.10 80 {
                  lb_algo rr
                  lb_kind NAT
                  protocol TCP
                  %s
                  real_server 198.51.100.2 80 {
                    TCP_CHECK {
                      connect_timeout 1
                    }
                  }
                }
                """;
        assertEquals(Optional.of(Duration.ofSeconds(90)), LvsConfigMapping.virtualServers(
                parse(text.formatted("drain_on_reload 90")), w -> { }).getFirst().drain());
        assertEquals(Optional.empty(), LvsConfigMapping.virtualServers(parse(text.formatted("")), w -> { })
                .getFirst().drain(), "without the keyword, removed at once as keepalived does");
    }

    @Test
    void globalSettingsAndTheSyncDaemon() throws IOException {
        KeepalivedConfig config = parse("""
                global_defs {
                  lvs_flush
                  lvs_flush_on_stop
                  lvs_timeouts tcp 900 udp 300
                  lvs_sync_daemon eth0 VI_1 maxlen 1400
                  notify_fifo /run/ck-notify.fifo
                  lvs_notify_fifo /run/ck-lvs.fifo
                }
                vrrp_instance VI_1 {
                  interface eth0
                  virtual_router_id 51
                  priority 100
                  virtual_ipaddress {
                    192.0.2.10
                  }
                }
                """);
        LvsSettings s = LvsConfigMapping.settings(config, false);
        assertTrue(s.flushAtStart());
        assertEquals(LvsSettings.FlushOnStop.FULL, s.flushOnStop());
        assertEquals(Optional.of(new Timeouts(900, 0, 300)), s.timeouts());
        assertEquals(Optional.of(new SyncDaemonSpec("eth0", "VI_1", 51, 1400, 0, 0, Optional.empty())),
                LvsConfigMapping.syncDaemon(config));
        assertEquals(List.of(Path.of("/run/ck-notify.fifo"), Path.of("/run/ck-lvs.fifo")), LvsConfigMapping.fifos(config).stream()
                .map(io.lvsj.keepalived.lib.NotifyFifoConfig::path).toList());
    }

    @Test
    void groupsExpandToOneServicePerAddressAndMark() throws IOException {
        KeepalivedConfig config = parse("""
                virtual_server_group G {
                  2001:db8::10-12 443
                  fwmark 7 inet6
                }
                virtual_server group G {
                  lb_algo rr
                  lb_kind DR
                  protocol TCP
                  real_server 2001:db8:1::2 443 {
                  }
                }
                """);
        VirtualServerSpec vs = LvsConfigMapping.virtualServers(config, w -> { }).getFirst();
        assertEquals(List.of(ServiceKey.tcp(ip("2001:db8::10"), 443), ServiceKey.tcp(ip("2001:db8::11"), 443),
                ServiceKey.tcp(ip("2001:db8::12"), 443), ServiceKey.fwmark(7, AddressFamily.INET6)), vs.services());
        assertEquals(VirtualServerId.ofGroup("G", IpProtocol.TCP), vs.id());
    }

    @Test
    void fullNatServicesMapToNatInIpvsAndToTheFullNatTable() throws IOException {
        KeepalivedConfig config = parse("""
                local_address_group lips {
                    198.51.100.11-12
                }
                virtual_server group web {
                    lb_algo rr
                    lb_kind FNAT
                    laddr_group_name lips
                    protocol TCP
                    real_server 192.0.2.11 8080 {
                    }
                    real_server 192.0.2.12 8080 {
                        lvs_method DR
                    }
                }
                virtual_server_group web {
                    203.0.113.10-11 80
                }
                """);
        VirtualServerSpec spec = LvsConfigMapping.virtualServers(config, w -> { }).getFirst();
        assertEquals(Forwarding.NAT, spec.realServers().getFirst().forwarding(), "IPVS does NAT for a FullNAT server");
        io.lvsj.fullnat.FullNatTable table = LvsConfigMapping.fullNat(config);
        assertEquals(2, table.services().size(), "one FullNAT service per address of the group");
        for (io.lvsj.fullnat.FullNatService s : table.services().values()) {
            assertEquals(List.of(ip("198.51.100.11"), ip("198.51.100.12")), s.localAddresses());
            assertEquals(List.of(new io.lvsj.fullnat.RealServer(ip("192.0.2.11"), 8080)), s.realServers(),
                    "only the FNAT real server, not the DR one");
        }
        assertTrue(LvsConfigMapping.fullNat(parse(resource("oracle.conf"))).isEmpty());
        KeepalivedConfig withVrrp = parse("""
                vrrp_instance inner {
                    interface eth1
                    virtual_router_id 7
                    virtual_ipaddress {
                        198.51.100.11/32
                    }
                    virtual_ipaddress_excluded {
                        198.51.100.12/32
                    }
                }
                """);
        assertEquals(java.util.Set.of(ip("198.51.100.11"), ip("198.51.100.12")), LvsConfigMapping.vrrpAddresses(withVrrp));
    }

    /** smtp_alert's defaults as keepalived's check_data.c: on for real servers, off for virtual servers. */
    @Test
    void mailPolicyFollowsSmtpAlert() throws IOException {
        KeepalivedConfig config = parse("global_defs {\n  smtp_server 127.0.0.1\n  notification_email {\n"
                + "    ops@example.com\n  }\n  no_checker_emails\n}\n"
                + "virtual_server 192.0.2.10 80 {\n  protocol TCP\n  real_server 198.51.100.1 80 {\n  }\n"
                + "  real_server 198.51.100.2 80 {\n    smtp_alert off\n  }\n}\n"
                + "virtual_server 192.0.2.11 80 {\n  protocol TCP\n  smtp_alert\n  real_server 198.51.100.1 80 {\n  }\n}\n");
        List<VirtualServerSpec> specs = LvsConfigMapping.virtualServers(config, w -> { });
        LvsConfigMapping.MailPolicy policy = LvsConfigMapping.mailPolicy(config, specs);
        VirtualServerId first = specs.get(0).id();
        VirtualServerId second = specs.get(1).id();
        assertTrue(policy.mailsAbout(first, specs.get(0).realServers().get(0).key()));
        assertFalse(policy.mailsAbout(first, specs.get(0).realServers().get(1).key()), "smtp_alert off");
        assertFalse(policy.mailsAbout(first), "a virtual server's is off by default");
        assertTrue(policy.mailsAbout(second));
        assertTrue(policy.noCheckerEmails());
    }
}
