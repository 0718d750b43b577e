package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process's dispatcher with recording subsystems: which subsystems start, how each signal
 * reaches them, and that a configuration that cannot be used changes nothing.
 */
class DispatcherTest {
    static final String VRRP = """
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              priority 150
              virtual_ipaddress {
                192.0.2.10/24
              }
            }
            """;
    static final String CHECKERS = """
            virtual_server 192.0.2.10 80 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 198.51.100.2 80 {
                TCP_CHECK {
                  connect_timeout 1
                }
              }
            }
            """;

    @TempDir
    Path dir;

    final List<String> calls = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    ConfigReport next;
    String refuseReloadOf;
    String refuseStartOf;

    /** A subsystem that records what it is asked to do. */
    final class Recording implements Subsystem {
        final Kind kind;

        Recording(Kind kind, KeepalivedConfig config) {
            this.kind = kind;
            if (kind.name().equals(refuseStartOf)) {
                throw new IllegalArgumentException(kind + " cannot start here");
            }
            calls.add("start " + kind + " " + describe(config));
        }

        @Override
        public void reload(KeepalivedConfig config) {
            if (kind.name().equals(refuseReloadOf)) {
                throw new IllegalArgumentException("(VI_1) interface eth9 doesn't exist");
            }
            calls.add("reload " + kind + " " + describe(config));
        }

        @Override
        public void stop() {
            calls.add("stop " + kind);
        }

        @Override
        public void dumpData(Path directory) {
            calls.add("data " + kind);
        }

        @Override
        public void dumpStats(Path directory) {
            calls.add("stats " + kind);
        }
    }

    static String describe(KeepalivedConfig c) {
        return c.vrrpInstances().size() + "vi/" + c.virtualServers().size() + "vs";
    }

    ConfigReport parse(String text) {
        return Configs.parseText(dir, text);
    }

    PidFiles pids() {
        return new PidFiles(dir.resolve("main.pid"), dir.resolve("vrrp.pid"), dir.resolve("checkers.pid"),
                LogOutput.lines(log::add, true));
    }

    Dispatcher dispatcher(Mode mode) {
        Map<Subsystem.Kind, Subsystem.Starter> starters = new EnumMap<>(Subsystem.Kind.class);
        for (Subsystem.Kind k : Subsystem.Kind.values()) {
            starters.put(k, config -> new Recording(k, config));
        }
        return new Dispatcher(mode, starters, () -> next, LogOutput.lines(log::add, true), pids(), 4242);
    }

    @Test
    void bothSubsystemsStartCheckersFirstEachWithItsPidFile() throws Exception {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        assertEquals(Optional.empty(), d.start(parse(VRRP + CHECKERS).config()));
        assertEquals(List.of("start CHECKERS 1vi/1vs", "start VRRP 1vi/1vs"), calls);
        assertTrue(log.contains("Starting VRRP child process, pid=4242"), log.toString());
        assertTrue(log.contains("Starting Healthcheck child process, pid=4242"), log.toString());
        assertEquals("4242\n", Files.readString(dir.resolve("vrrp.pid")));
        assertEquals("4242\n", Files.readString(dir.resolve("checkers.pid")));
    }

    @Test
    void aSubsystemWithNothingConfiguredDoesNotStart() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(CHECKERS).config());
        assertEquals(Set.of(Subsystem.Kind.CHECKERS), d.running());
        assertFalse(Files.exists(dir.resolve("vrrp.pid")));
    }

    @Test
    void allStartsSubsystemsWithoutConfiguration() {
        Dispatcher d = dispatcher(Mode.of(false, false, true));
        d.start(parse(CHECKERS).config());
        assertEquals(Set.of(Subsystem.Kind.CHECKERS, Subsystem.Kind.VRRP, Subsystem.Kind.BFD), d.running());
    }

    @Test
    void vrrpOnlyAndCheckersOnly() {
        Dispatcher vrrp = dispatcher(Mode.of(true, false, false));
        vrrp.start(parse(VRRP + CHECKERS).config());
        assertEquals(Set.of(Subsystem.Kind.VRRP), vrrp.running());
        Dispatcher checkers = dispatcher(Mode.of(false, true, false));
        checkers.start(parse(VRRP + CHECKERS).config());
        assertEquals(Set.of(Subsystem.Kind.CHECKERS), checkers.running());
        Dispatcher both = dispatcher(Mode.of(true, true, false));
        both.start(parse(VRRP + CHECKERS).config());
        assertEquals(Set.of(Subsystem.Kind.CHECKERS, Subsystem.Kind.VRRP), both.running());
    }

    @Test
    void nothingToRunIsAWarningAsInKeepalived() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        assertEquals(Optional.empty(), d.start(parse("global_defs {\n  router_id x\n}\n").config()));
        assertEquals(Set.of(), d.running());
        assertTrue(log.contains("Warning - keepalived has no configuration to run"), log.toString());
    }

    @Test
    void aSubsystemThatCannotStartStopsThoseAlreadyStarted() {
        refuseStartOf = "VRRP";
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        assertEquals(Optional.of("VRRP cannot start here"), d.start(parse(VRRP + CHECKERS).config()));
        assertEquals(List.of("start CHECKERS 1vi/1vs", "stop CHECKERS"), calls);
        assertEquals(Set.of(), d.running());
        assertFalse(Files.exists(dir.resolve("checkers.pid")), "the stopped subsystem's pid file is removed");
    }

    @Test
    void hupReloadsVrrpThenCheckers() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        next = parse(VRRP + CHECKERS.replace("192.0.2.10 80", "192.0.2.10 443"));
        assertTrue(d.reload());
        assertEquals(List.of("reload VRRP 1vi/1vs", "reload CHECKERS 1vi/1vs"), calls);
    }

    @Test
    void hupStartsASubsystemThatNowHasSomethingToDo() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP).config());
        calls.clear();
        next = parse(VRRP + CHECKERS);
        assertTrue(d.reload());
        assertEquals(List.of("reload VRRP 1vi/1vs", "start CHECKERS 1vi/1vs"), calls);
        assertEquals(Set.of(Subsystem.Kind.CHECKERS, Subsystem.Kind.VRRP), d.running());
    }

    @Test
    void aRunningSubsystemWhoseConfigurationWentIsReloadedEmptyAsKeepalivedsChildStays() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        next = parse(VRRP);
        d.reload();
        assertEquals(List.of("reload VRRP 1vi/0vs", "reload CHECKERS 1vi/0vs"), calls);
    }

    @Test
    void aConfigurationThatNoLongerParsesChangesNothingAndSaysWhere() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        next = parse(VRRP + "virtual_server 192.0.2.10 80 {\n  lb_algo\n}\n");
        assertFalse(d.reload());
        assertEquals(List.of(), calls, "nothing reloaded");
        assertTrue(log.stream().anyMatch(l -> l.matches(".*kac-.*\\.conf:10: .*lb_algo.*")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Reload failed, the running configuration is kept")),
                log.toString());
    }

    @Test
    void aMissingConfigurationFileChangesNothing() throws Exception {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        Path gone = dir.resolve("gone.conf");
        next = Configs.parse(gone, null);
        assertFalse(d.reload());
        assertEquals(List.of(), calls);
    }

    @Test
    void aConfigurationVrrpWouldRefuseChangesNothing() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        next = parse(VRRP.replace("eth0", "eth9") + CHECKERS);
        assertTrue(next.vrrpStops(), "the parser says keepalived's VRRP would stop");
        assertFalse(d.reload());
        assertEquals(List.of(), calls);
    }

    @Test
    void whenVrrpRefusesAReloadTheCheckersKeepTheirsToo() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        refuseReloadOf = "VRRP";
        next = parse(VRRP + CHECKERS);
        assertFalse(d.reload());
        assertEquals(List.of(), calls);
        assertTrue(log.contains("Reload failed, the running configuration is kept: (VI_1) interface eth9 doesn't exist"),
                log.toString());
    }

    @Test
    void termStopsVrrpFirstThenCheckersAndRemovesTheirPidFiles() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        d.stop();
        assertEquals(List.of("stop VRRP", "stop CHECKERS"), calls);
        assertFalse(Files.exists(dir.resolve("vrrp.pid")));
        assertFalse(Files.exists(dir.resolve("checkers.pid")));
        assertEquals(Set.of(), d.running());
    }

    @Test
    void usr1GoesToEverySubsystemUsr2Too() {
        Dispatcher d = dispatcher(Mode.of(false, false, false));
        d.start(parse(VRRP + CHECKERS).config());
        calls.clear();
        d.dumpData(dir);
        d.dumpStats(dir);
        assertEquals(List.of("data CHECKERS", "data VRRP", "stats CHECKERS", "stats VRRP"), calls);
    }
}
