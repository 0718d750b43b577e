package io.lvsj.keepalived.vrrp.interop;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Features that are local to a router: Debian's keepalived and the keepalived-j command line
 * run the same keepalived.conf, one after the other, in the same namespace (a router alone on
 * its segment, so it becomes MASTER), and must leave the same kernel state ({@link KernelState})
 * while MASTER and after a graceful stop.
 */
@Tag("interop")
@Execution(ExecutionMode.CONCURRENT)
class LocalStateInteropTest {
    /** Kernel state while the router is MASTER and after it stopped, and its log. */
    record Run(String master, String stopped, String log) {
    }

    /** A VRRPv3 instance at 0.1 s: alone, it is MASTER about 0.4 s after start. */
    static String instance(String name, int vrid, String body) {
        return "vrrp_instance " + name + " {\n  interface eth0\n  state BACKUP\n  virtual_router_id " + vrid
                + "\n  priority 100\n  version 3\n  advert_int 0.1\n" + body + "}\n";
    }

    static final String GLOBAL = "global_defs {\n  router_id lab\n}\n";

    @Test
    void ipv6HostVipsAreDeprecatedSoTheyAreNeverChosenAsASource() {
        compare("ipv6-128", GLOBAL + instance("VI_6", 61, """
                  virtual_ipaddress {
                    2001:db8::61/128
                    2001:db8::62/64
                    2001:db8::63/128 preferred_lft forever
                  }
                """), run -> {
            assertTrue(run.master().contains("inet6 2001:db8::61/128 scope global nodad deprecated"), run.master());
            assertTrue(run.master().contains("2001:db8::63/128 scope global nodad valid_lft forever preferred_lft"
                    + " forever"), run.master());
        });
    }

    /**
     * Runs {@code conf} under keepalived, then keepalived-j, in one namespace; the two runs
     * must leave the same state, which {@code check} then looks at (keepalived-j's run).
     */
    static void compare(String name, String conf, Consumer<Run> check) {
        Path dir = Evidence.directory("local " + name);
        try (Lan lan = Lan.create(1)) {
            String ns = lan.node(1);
            String before = KernelState.of(ns);
            Run keepalived = run(new KeepalivedRouter(ns, dir.resolve("keepalived")), ns, conf);
            assertEquals(before, KernelState.of(ns), "keepalived left the namespace as it found it");
            Run ours = run(new CliRouter(ns, dir.resolve("keepalived-j"), List.of()), ns, conf);
            String logs = "\n--- keepalived\n" + keepalived.log() + "\n--- keepalived-j\n" + ours.log();
            assertEquals(keepalived.master(), ours.master(), "kernel state while MASTER" + logs);
            assertEquals(keepalived.stopped(), ours.stopped(), "kernel state after stop" + logs);
            check.accept(ours);
        }
    }

    static Run run(Router router, String ns, String conf) {
        try {
            router.start(conf);
            awaitLog(router, "Entering MASTER STATE");
            String master = settled(ns);
            router.stop();
            return new Run(master, KernelState.of(ns), router.log());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- " + router.kind() + "\n" + router.log(), e);
        } finally {
            router.close();
        }
    }

    static void awaitLog(Router router, String text) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!router.log().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(router.kind() + " did not log '" + text + "'");
            }
            VipWatch.sleep(20);
        }
    }

    /** The kernel state once two reads 300 ms apart agree (the master's addresses, routes and rules are in). */
    static String settled(String ns) {
        String last = KernelState.of(ns);
        for (int i = 0; i < 30; i++) {
            VipWatch.sleep(300);
            String now = KernelState.of(ns);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the kernel state did not settle:\n" + last);
    }
}
