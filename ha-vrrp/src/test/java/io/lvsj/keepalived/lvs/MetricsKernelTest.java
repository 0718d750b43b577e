package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.testserver.TcpServer;
import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.keepalived.metrics.PrometheusServer;
import io.lvsj.lab.KernelTest;
import io.lvsj.lab.LabNamespace;
import io.lvsj.metrics.model.Promtool;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.lvsj.keepalived.lvs.HealthcheckersKernelTest.Conversation;
import static io.lvsj.keepalived.lvs.HealthcheckersKernelTest.echo;
import static io.lvsj.keepalived.lvs.LabCheckers.await;
import static io.lvsj.keepalived.lvs.LabCheckers.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The director of the lab (VRRP and two checked real servers behind a NAT service, real
 * traffic from a client) runs the real {@code bin/keepalived-j} with {@code metrics_listen},
 * and Debian's real Prometheus scrapes it from inside the lab. Prometheus' own API then says
 * what the VRRP log and {@code ipvsadm-j -Ln --stats --exact} say: the instance is MASTER, a
 * real server has the connections and packets the kernel counted; and when that server dies,
 * Prometheus sees it down and out of IPVS, as the daemon's log says.
 */
@KernelTest
class MetricsKernelTest {
    static final String CONFIG = """
            global_defs {
              metrics_listen 127.0.0.1 9650
            }
            vrrp_instance VI_1 {
              state MASTER
              interface ck-front
              virtual_router_id 51
              priority 150
              advert_int 1
              virtual_ipaddress {
                203.0.113.100/24
              }
            }
            virtual_server 203.0.113.10 7000 {
              delay_loop 1
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 198.51.100.2 7000 {
                TCP_CHECK {
                  connect_timeout 1
                  retry 0
                  warmup 0
                }
              }
              real_server 198.51.100.6 7000 {
                TCP_CHECK {
                  connect_timeout 1
                  retry 0
                  warmup 0
                }
              }
            }
            """;
    static final String RS1 = "real_server=\"[198.51.100.6]:tcp:7000\"";

    @Test
    void prometheusSeesTheKernelsCountersAndARealServerFail(LabNamespace director) throws Exception {
        Path dir = Files.createTempDirectory("mt-lab");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, CONFIG);
        try (LabTopology t = LabTopology.build(director, 2);
             KeepalivedJ daemon = KeepalivedJ.start(director.name(), conf, dir.resolve("run"))) {
            List<TcpServer> servers = List.of(echo(t, 0, 7000), echo(t, 1, 7000));
            daemon.awaitLog("Startup complete", Duration.ofSeconds(120));
            daemon.awaitLog("(VI_1) Entering MASTER STATE", Duration.ofSeconds(60));
            await("both servers in", Duration.ofSeconds(60), () -> DaemonReloadKernelTest.table(director).equals(lines(
                    "-A -t 203.0.113.10:7000 -s rr", "-a -t 203.0.113.10:7000 -r 198.51.100.2:7000 -m -w 1",
                    "-a -t 203.0.113.10:7000 -r 198.51.100.6:7000 -m -w 1")));
            for (int i = 0; i < 6; i++) {
                try (Conversation c = new Conversation(t, 7000)) {
                    assertTrue(c.say("hello") != null, "answered");
                }
            }
            String scrape = director.run("curl", "-sS", "-f", "http://127.0.0.1:9650/metrics").requireSuccess().stdout();
            assertEquals("", Promtool.checkMetrics(scrape.getBytes(StandardCharsets.UTF_8)));

            try (PrometheusServer prometheus = PrometheusServer.start(director, dir.resolve("prometheus"), 9090,
                    List.of("127.0.0.1:9650"), List.of())) {
                prometheus.await("lvsj_vrrp_state{vrrp_instance=\"VI_1\",state=\"MASTER\"}", v -> v != null && v == 1,
                        Duration.ofSeconds(60));

                // the kernel folds its counters every 2 s: wait until ipvsadm-j has all six connections
                long[] rs0 = new long[5];
                await("six connections counted", Duration.ofSeconds(30), () -> {
                    long[] both = counters(director, "198.51.100.2:7000");
                    long[] other = counters(director, "198.51.100.6:7000");
                    System.arraycopy(both, 0, rs0, 0, 5);
                    return both[0] + other[0] == 6;
                });
                String dest = "destination=\"198.51.100.2:7000\"";
                prometheus.await("lvsj_ipvs_destination_connections_total{" + dest + "}",
                        v -> v != null && v == rs0[0], Duration.ofSeconds(30));
                assertEquals((double) rs0[1], prometheus.value("lvsj_ipvs_destination_packets_total{" + dest
                        + ",direction=\"in\"}"));
                assertEquals((double) rs0[3], prometheus.value("lvsj_ipvs_destination_bytes_total{" + dest
                        + ",direction=\"in\"}"));
                assertEquals(1.0, prometheus.value("lvsj_real_server_up{" + RS1 + "}"));
                assertEquals(1.0, prometheus.value("lvsj_ipvs_up"));

                // real server 1 dies
                servers.get(1).close();
                daemon.awaitLog("Removing service [198.51.100.6]:tcp:7000 from VS [203.0.113.10]:tcp:7000",
                        Duration.ofSeconds(60));
                prometheus.await("lvsj_real_server_up{" + RS1 + "}", v -> v != null && v == 0, Duration.ofSeconds(30));
                assertEquals(0.0, prometheus.value("lvsj_checker_up{" + RS1 + "}"));
                assertEquals(0.0, prometheus.value("lvsj_real_server_weight{" + RS1 + "}"));
                assertTrue(prometheus.value("lvsj_check_failures_total{" + RS1 + "}") >= 1);
                prometheus.await("lvsj_ipvs_destination_weight{destination=\"198.51.100.6:7000\"}", v -> v == null,
                        Duration.ofSeconds(30));
                assertTrue(!director.run(KeepalivedJ.repositoryRoot().resolve("bin/ipvsadm-j").toString(), "-Ln")
                        .requireSuccess().stdout().contains("198.51.100.6"), "ipvsadm-j agrees");
                assertEquals(1.0, prometheus.value("lvsj_real_server_up{real_server=\"[198.51.100.2]:tcp:7000\"}"));
            } finally {
                for (TcpServer s : servers) {
                    s.close();
                }
            }
            assertEquals(0, daemon.stop(), daemon.log());
        } finally {
            PrometheusServer.delete(dir);
        }
    }

    /** Conns, InPkts, OutPkts, InBytes, OutBytes of a destination, as {@code ipvsadm-j -Ln --stats --exact} prints them. */
    static long[] counters(LabNamespace director, String destination) {
        String out = director.run(KeepalivedJ.repositoryRoot().resolve("bin/ipvsadm-j").toString(), "-Ln", "--stats",
                "--exact").requireSuccess().stdout();
        String line = out.lines().filter(l -> l.trim().startsWith("-> " + destination)).findFirst()
                .orElseThrow(() -> new AssertionError(destination + " not in\n" + out));
        String[] f = line.trim().split("\\s+");
        long[] c = new long[5];
        for (int i = 0; i < 5; i++) {
            c[i] = Long.parseLong(f[2 + i]);
        }
        return c;
    }
}
