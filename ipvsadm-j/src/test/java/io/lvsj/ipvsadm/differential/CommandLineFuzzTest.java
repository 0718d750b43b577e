package io.lvsj.ipvsadm.differential;

import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import io.lvsj.ipvsadm.Environment;
import io.lvsj.ipvsadm.Ipvsadm;
import io.lvsj.ipvs.MemoryIpvs;
import io.lvsj.ipvsadm.inet.NameService;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz targets "ipvsadm-args" and "ipvsadm-restore": mutated command lines (every one of the
 * differential suite's, arguments separated by NUL bytes) and mutated {@code -R} input,
 * in-process against an in-memory table. The only outcomes ipvsadm has: success (status 0),
 * or a message on standard error with status 1, 2 or 255; never an exception, never a
 * message without its newline. That the message is ipvsadm's own is the lab's to prove
 * ({@code CommandLineDifferentialFuzzKernelTest} runs a sample of these against Debian's).
 */
class CommandLineFuzzTest {
    private static final Set<Integer> STATUSES = Set.of(0, 1, 2, 255);
    /** Bytes a mutation writes often: what popt and -R split and match on. */
    static final String ALPHABET = "-= \t\n\r:,.[]#0123456789AaDdEeLlRrSstufmgipwxnc6!";

    @Test
    void everyCommandLineEndsAsIpvsadmEnds() {
        List<byte[]> seeds = IpvsadmDifferentialKernelTest.allCases().stream()
                .filter(c -> !c.isRestore()).map(c -> String.join("\0", c.args()))
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)).toList();
        Fuzzer.target("ipvsadm-args", seeds).alphabet(ALPHABET).run(5_000, bytes -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            List<String> args = text.isEmpty() ? List.of("-Ln") : List.of(text.split("\0", -1));
            return checked(run(args, ""));
        });
    }

    @Test
    void everyRestoreInputEndsAsIpvsadmEnds() {
        List<byte[]> seeds = new ArrayList<>();
        for (DiffCase c : RestoreCases.cases()) {
            if (c.isRestore()) {
                seeds.add((c.setup() + c.stdin()).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        Fuzzer.target("ipvsadm-restore", seeds).alphabet(ALPHABET).run(2_000,
                bytes -> checked(run(List.of("-R"), new String(bytes, StandardCharsets.ISO_8859_1))));
    }

    /** What a run printed and returned. */
    record Run(int status, String stdout, String stderr) {
    }

    private static Outcome checked(Run r) {
        assertTrue(STATUSES.contains(r.status()), "status " + r.status() + ", stderr: " + r.stderr());
        if (r.status() != 0) {
            assertTrue(!r.stderr().isEmpty(), "a failure without a message");
        }
        if (!r.stderr().isEmpty()) {
            assertTrue(r.stderr().endsWith("\n"), "a message without its newline: " + r.stderr());
        }
        assertTrue(!r.stderr().contains("Exception") && !r.stderr().contains("java."), r.stderr());
        return r.status() == 0 ? Outcome.CLEAN : Outcome.REJECTED;
    }

    static Run run(List<String> args, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MemoryIpvs ipvs = new MemoryIpvs();
        Environment env = new Environment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)),
                out, err, () -> ipvs, name -> {
                    throw new IOException("no /proc/net/" + name + " in this test");
                }, NO_NAMES, false);
        int status = Ipvsadm.run(env, "ipvsadm", args);
        assertEquals(status & 0xff, status);
        return new Run(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** Resolves nothing: a fuzzed host name must not become a DNS query. */
    private static final NameService NO_NAMES = new NameService() {
        @Override
        public byte[] hostAddress(String name) {
            return null;
        }

        @Override
        public String hostName(byte[] address) {
            return null;
        }

        @Override
        public int servicePort(String name, int protocol) {
            return -1;
        }

        @Override
        public String serviceName(int port, int protocol) {
            return null;
        }
    };
}
