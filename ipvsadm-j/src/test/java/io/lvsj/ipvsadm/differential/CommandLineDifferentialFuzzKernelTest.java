package io.lvsj.ipvsadm.differential;

import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import io.lvsj.lab.KernelTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The host fuzz targets' inputs, a sample of them, against Debian's ipvsadm on the lab
 * kernel: a mutated command line or {@code -R} input must make ipvsadm-j print what ipvsadm
 * prints, end with its status and leave the kernel as it leaves it (issue 12: "the only
 * outcomes: ipvsadm's message and status, or success"). The documented deviations
 * ({@link DiffCase.Deviation}) are recognised from the outputs, as a mutation can reach them.
 * Arguments are kept to ASCII: the lab JVM hands argv to Debian's ipvsadm through the C locale.
 */
@KernelTest
class CommandLineDifferentialFuzzKernelTest {

    @Test
    void mutatedCommandLinesEndAsIpvsadmEnds() {
        List<byte[]> seeds = IpvsadmDifferentialKernelTest.allCases().stream()
                .filter(c -> !c.isRestore() && c.procConnFixture() == null && c.environment().isEmpty())
                .map(c -> String.join("\0", c.args()).getBytes(StandardCharsets.ISO_8859_1)).toList();
        Fuzzer.target("ipvsadm-args-vs-debian", seeds).alphabet(CommandLineFuzzTest.ALPHABET).maxMutations(3)
                .run(60, bytes -> {
                    String text = new String(ascii(bytes), StandardCharsets.ISO_8859_1);
                    List<String> args = text.isEmpty() ? List.of("-Ln") : List.of(text.split("\0", -1));
                    return check(new DiffCase(Tables.WEB, args, "", null, java.util.Map.of(), DiffCase.Deviation.NONE));
                });
    }

    @Test
    void mutatedRestoreInputEndsAsIpvsadmEnds() {
        List<byte[]> seeds = new ArrayList<>();
        for (DiffCase c : RestoreCases.cases()) {
            if (c.isRestore() && c.args().size() == 1) {
                seeds.add(c.stdin().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        Fuzzer.target("ipvsadm-restore-vs-debian", seeds).alphabet(CommandLineFuzzTest.ALPHABET).maxMutations(3)
                .run(20, bytes -> check(DiffCase.of("-R").input(new String(ascii(bytes), StandardCharsets.ISO_8859_1))
                        .deviating(DiffCase.Deviation.RESTORE_COMMENTS)));
    }

    /** Runs both tools from the same state; compares as the differential suite does. */
    private static Outcome check(DiffCase c) {
        try (FreshNamespace ns = new FreshNamespace()) {
            String pristine = Differential.state(ns);
            Differential.load(ns, c.setup());
            Differential.Outcome debian = Differential.debian(ns, c);
            Differential.reset(ns);
            if (!pristine.equals(Differential.state(ns))) {
                throw new AssertionError("the namespace was not reset to its pristine state");
            }
            Differential.load(ns, c.setup());
            Differential.Outcome ours = Differential.ipvsadmJ(ns, c);
            Differential.compare(c.deviating(deviation(c, debian, ours)), debian, ours);
            return debian.status() == 0 ? Outcome.CLEAN : Outcome.REJECTED;
        }
    }

    /** Which documented deviation, if any, this pair of outcomes shows. */
    private static DiffCase.Deviation deviation(DiffCase c, Differential.Outcome debian, Differential.Outcome ours) {
        if (c.deviation() != DiffCase.Deviation.NONE) {
            return c.deviation();
        }
        if (debian.status() == 139) {
            return DiffCase.Deviation.EMPTY_SCHEDULER_FLAGS;
        }
        String extra = ours.stdout().startsWith(debian.stdout()) ? ours.stdout().substring(debian.stdout().length()) : "";
        if (extra.contains("Extensions in ipvsadm-j")) {
            return DiffCase.Deviation.HELP_EXTENSIONS;
        }
        if (extra.startsWith("ipvsadm-j ")) {
            return DiffCase.Deviation.VERSION_EXTENSION;
        }
        return DiffCase.Deviation.NONE;
    }

    private static byte[] ascii(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] &= 0x7f;
        }
        return out;
    }
}
