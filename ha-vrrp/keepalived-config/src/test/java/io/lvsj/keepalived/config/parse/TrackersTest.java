package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Diagnostic;
import io.lvsj.keepalived.config.Tracked;
import io.lvsj.keepalived.config.VrrpInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every way a {@code track_*} entry can be written, for each of the five kinds, with the
 * diagnostics and tracked entries that result, against a recorded transcript
 * ({@code trackers-transcript.txt}). The messages are keepalived's words, typos included,
 * so the transcript pins them to the byte; each case sits in an instance of its own so a
 * duplicate in one does not hide the next.
 */
class TrackersTest {
    @TempDir
    Path dir;

    /** The lines of each case; {@code X} is the defined tracked thing, {@code nosuch} an undefined one. */
    private static final Map<String, List<String>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("missing", List.of("nosuch"));
        CASES.put("plain", List.of("X"));
        CASES.put("duplicate", List.of("X", "X"));
        CASES.put("unknown_option", List.of("X bogus 5"));
        CASES.put("weight_without_value", List.of("X weight"));
        CASES.put("weight_out_of_range", List.of("X weight 300"));
        CASES.put("weight_not_a_number", List.of("X weight abc"));
        CASES.put("weight_minus_254", List.of("X weight -254 reverse"));
        CASES.put("weight_254", List.of("X weight 254"));
        CASES.put("weight_253", List.of("X weight 253 reverse"));
        CASES.put("noreverse", List.of("X weight 10 noreverse"));
        CASES.put("unknown_weight_option", List.of("X weight 10 sideways"));
    }

    private record Kind(String block, String defined, String missing, Function<VrrpInstance, List<Tracked>> list) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("track_interface", "eth1", "nosuch0", VrrpInstance::trackInterfaces),
            new Kind("track_script", "chk", "nosuch", VrrpInstance::trackScripts),
            new Kind("track_file", "tf", "nosuch", VrrpInstance::trackFiles),
            new Kind("track_process", "tp", "nosuch", VrrpInstance::trackProcesses),
            new Kind("track_bfd", "bf", "nosuch", VrrpInstance::trackBfds));

    @Test
    void everyEntryFormGivesTheRecordedDiagnosticsAndEntries() throws IOException {
        StringBuilder conf = new StringBuilder("""
                vrrp_script chk {
                    script /bin/true
                    weight 7 reverse
                }
                track_file tf {
                    file /run/lvsj-trackers-test
                    weight 3 reverse
                }
                vrrp_track_process tp {
                    process sshd
                    weight 4 reverse
                }
                bfd_instance bf {
                    neighbor_ip 192.0.2.200
                    weight 5 reverse
                }
                """);
        List<String> owners = new ArrayList<>();
        int id = 1;
        for (Kind kind : KINDS) {
            for (Map.Entry<String, List<String>> c : CASES.entrySet()) {
                String owner = kind.block + "-" + c.getKey();
                owners.add(owner);
                conf.append("vrrp_instance ").append(owner).append(" {\n    interface eth0\n    virtual_router_id ")
                        .append(id++).append("\n    ").append(kind.block).append(" {\n");
                for (String line : c.getValue()) {
                    conf.append("        ").append(line.replace("nosuch", kind.missing).replace("X", kind.defined))
                            .append('\n');
                }
                conf.append("    }\n    virtual_ipaddress {\n        192.0.2.").append(id).append("\n    }\n}\n");
            }
        }
        ConfigReport report = Configs.parseText(dir, conf.toString());

        StringBuilder transcript = new StringBuilder("keepalived -t status ").append(report.testExitStatus()).append('\n');
        for (Diagnostic d : report.diagnostics()) {
            transcript.append(d.location().line()).append(' ').append(d.severity()).append(' ').append(d.message())
                    .append('\n');
        }
        for (VrrpInstance v : report.config().vrrpInstances()) {
            Kind kind = KINDS.get(owners.indexOf(v.name()) / CASES.size());
            transcript.append(v.name()).append(':');
            for (Tracked t : kind.list.apply(v)) {
                transcript.append(' ').append(t.name()).append(" weight ").append(t.weight())
                        .append(t.reverse() ? " reverse" : "");
            }
            transcript.append('\n');
        }
        assertEquals(recorded(), transcript.toString());
    }

    private static String recorded() throws IOException {
        try (InputStream in = TrackersTest.class.getResourceAsStream("trackers-transcript.txt")) {
            return new String(java.util.Objects.requireNonNull(in, "trackers-transcript.txt is missing").readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }
}
