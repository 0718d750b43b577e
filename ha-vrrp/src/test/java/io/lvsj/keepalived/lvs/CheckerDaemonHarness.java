package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.FakeHost;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.parse.KeepalivedConfigParser;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Not a test: the checker process as a daemon of its own, for kernel tests of SIGHUP and
 * SIGTERM until {@code keepalived-j -C} itself runs it: reads the configuration, starts
 * {@link CheckerService}, reloads the file on SIGHUP, stops on SIGTERM. Prints its log and
 * "reloaded" after each reload.
 *
 *   CheckerDaemonHarness CONFIG_FILE
 */
public final class CheckerDaemonHarness {
    private CheckerDaemonHarness() {
    }

    static KeepalivedConfig read(String file) {
        ConfigReport report = KeepalivedConfigParser.parse(new KeepalivedConfigParser.Request(file,
                Path.of("").toAbsolutePath(), null, FakeHost.INSTANCE, new Random(), false));
        return report.config();
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        CountDownLatch stopped = new CountDownLatch(1);
        try (IpvsClient ipvs = IpvsClient.open();
             CheckerService service = new CheckerService(ipvs, NetworkContext.host(), System.out::println)) {
            service.start(read(file), false);
            System.out.println("started");
            Signal.handle(new Signal("HUP"), s -> {
                service.reload(read(file));
                System.out.println("reloaded");
            });
            Signal.handle(new Signal("TERM"), s -> stopped.countDown());
            stopped.await();
            service.stop();
            System.out.println("stopped");
        }
    }
}
