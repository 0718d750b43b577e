package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Diagnostic;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** keepalived-j's {@code metrics_listen}: off unless written, 127.0.0.1:9650 unless told, file:line errors. */
class GlobalExtensionKeywordsTest {
    @TempDir
    Path dir;

    private ConfigReport parse(String globalDefs) {
        return Configs.parseText(dir, "global_defs {\n" + globalDefs + "}\n");
    }

    private Optional<GlobalDefs.StatusEndpoint> endpoint(String globalDefs) {
        ConfigReport report = parse(globalDefs);
        assertEquals(0, report.testExitStatus(), Configs.describe(report));
        return report.config().global().statusEndpoint();
    }

    private List<String> errors(String globalDefs) {
        return parse(globalDefs).diagnostics().stream().filter(d -> d.severity() != Severity.NOTE)
                .map(d -> d.location().line() + ": " + d.message()).toList();
    }

    @Test
    void offUnlessWritten() {
        assertEquals(Optional.empty(), endpoint("    router_id x\n"));
    }

    @Test
    void loopbackAndPort9650UnlessGiven() throws Exception {
        assertEquals(Optional.of(new GlobalDefs.StatusEndpoint(InetAddress.getByName("127.0.0.1"), 9650)),
                endpoint("    metrics_listen\n"));
        assertEquals(Optional.of(new GlobalDefs.StatusEndpoint(InetAddress.getByName("::1"), 9650)),
                endpoint("    metrics_listen ::1\n"));
        assertEquals(Optional.of(new GlobalDefs.StatusEndpoint(InetAddress.getByName("0.0.0.0"), 9100)),
                endpoint("    metrics_listen 0.0.0.0 9100\n"));
    }

    @Test
    void isNotedAsAnExtension() {
        Diagnostic note = parse("    metrics_listen\n").diagnostics().getFirst();
        assertEquals(Severity.NOTE, note.severity());
        assertEquals(2, note.location().line());
        assertEquals("metrics_listen is a keepalived-j extension; keepalived ignores it (\"Unknown keyword\")",
                note.message());
    }

    @Test
    void badValuesAreErrorsAtTheirLineAndChangeNothing() {
        assertEquals(List.of("2: metrics_listen address '9650' is not an IPv4 or IPv6 address (a port goes after the"
                + " address: metrics_listen 127.0.0.1 PORT) - ignoring"), errors("    metrics_listen 9650\n"));
        assertEquals(List.of("2: metrics_listen address 'localhost' is not an IPv4 or IPv6 address (a port goes after"
                + " the address: metrics_listen 127.0.0.1 PORT) - ignoring"), errors("    metrics_listen localhost\n"));
        assertEquals(List.of("2: metrics_listen port '0' must be a number in [1, 65535] - ignoring"),
                errors("    metrics_listen 127.0.0.1 0\n"));
        assertEquals(List.of("2: metrics_listen takes an address and a port at most: metrics_listen [ADDRESS [PORT]]"
                + " - ignoring"), errors("    metrics_listen 127.0.0.1 1 2\n"));
        assertEquals(List.of("3: metrics_listen already set to [::1]:9650 - ignoring"),
                errors("    metrics_listen ::1\n    metrics_listen 127.0.0.1\n"));
        ConfigReport report = parse("    metrics_listen 127.0.0.1 99999\n");
        assertEquals(5, report.testExitStatus());
        assertEquals(Optional.empty(), report.config().global().statusEndpoint());
    }
}
