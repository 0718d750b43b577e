package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.KeepalivedMain;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived-j's VRRP daemon as a process of its own, for benchmarks that kill it or measure
 * its memory, configured from the lab's {@link Segment} (the same config KeepalivedConf
 * renders for keepalived). SIGTERM stops it as keepalived stops.
 *
 * <pre>RouterMain VERSION IPV6 UNICAST INTERVAL_CS ROUTER ROUTERS PRIORITY [INSTANCES [DIRECTORY]]</pre>
 *
 * It writes that configuration to {@code DIRECTORY/keepalived.conf} (default the working
 * directory) and runs keepalived-j's command line on it ({@code -P -n -l -D}): signals, pid file
 * {@code DIRECTORY/keepalived.pid}; dumps go to {@code $TMPDIR}, which the caller sets.
 */
public final class RouterMain {
    private RouterMain() {
    }

    public static void main(String[] args) throws IOException {
        Segment segment = new Segment(Integer.parseInt(args[0]), Boolean.parseBoolean(args[1]),
                Boolean.parseBoolean(args[2]), Integer.parseInt(args[3]));
        int router = Integer.parseInt(args[4]);
        int routers = Integer.parseInt(args[5]);
        int priority = Integer.parseInt(args[6]);
        int instances = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        Path directory = Path.of(args.length > 8 ? args[8] : ".");
        VrrpConfig config = config(segment, router, routers, priority, instances);
        Path conf = directory.resolve("keepalived.conf");
        Files.writeString(conf, KeepalivedConf.render(config));
        System.exit(KeepalivedMain.run(new String[]{"-P", "-n", "-l", "-D", "-G", "-f", conf.toString(),
                "-p", directory.resolve("keepalived.pid").toString(),
                "-r", directory.resolve("keepalived_vrrp.pid").toString()}, System.out, System.err));
    }

    /** {@code instances} instances: VRID 51, 52, ... with VIPs .100, .101, ... */
    static VrrpConfig config(Segment segment, int router, int routers, int priority, int instances) {
        List<VirtualRouterConfig> list = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            VirtualRouterConfig base = segment.instance(router, routers, priority).build();
            String vip = segment.ipv6() ? "2001:db8::" + Integer.toHexString(0x100 + i) : "192.0.2." + (100 + i);
            if (i == 0) {
                list.add(base);
                continue;
            }
            list.add(VirtualRouterConfig.builder("VI_" + (i + 1), base.interfaceName(), Segment.VRID + i)
                    .priority(priority).version(base.version()).advertIntervalCentis(base.advertIntervalCentis())
                    .virtualAddresses(List.of(VirtualAddress.of(Segment.ip(vip), segment.ipv6() ? 64 : 24)))
                    .sourceAddress(base.sourceAddress()).unicastPeers(base.unicastPeers()).garp(base.garp())
                    .build());
        }
        return VrrpConfig.of(list);
    }
}
