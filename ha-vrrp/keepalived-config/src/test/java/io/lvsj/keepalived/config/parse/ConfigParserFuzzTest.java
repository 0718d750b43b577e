package io.lvsj.keepalived.config.parse;

import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import io.lvsj.keepalived.config.Fixture;
import io.lvsj.keepalived.config.dump.ConfigDump;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target "keepalived-config": every fixture, mutated (bytes, braces, quotes, keywords
 * spliced from other fixtures, NUL bytes, lines cut), read as {@code keepalived-j -t} reads
 * it, from a copy of the fixtures directory so relative includes still find their files. The
 * only outcomes: a clean check, or {@code file:line} diagnostics with one of keepalived's
 * {@code -t} statuses. Never an exception, never an unbounded read (issue 12: 2,184 of
 * 100,000 mutated files ended in one of 10 internal exceptions); a clean model also dumps.
 */
class ConfigParserFuzzTest {
    private static final Set<Integer> STATUSES = Set.of(0, 2, 4, 5, 6);
    /** What keepalived.conf is made of, so mutations make near-misses of real syntax. */
    private static final String ALPHABET = "{}{} \"\"\n\n\t#!$~@=,/0123456789.:abcdefghijklmnopqrstuvwxyz_\\\0";

    @TempDir
    Path directory;

    @Test
    void everyMutatedConfigurationIsCheckedOrRefusedWithALocation() throws IOException {
        copyFixtures();
        Path file = directory.resolve("fuzz.conf");
        // a mutated ~SEQ bound may ask for the 10 million lines the reader allows: slow, not a hang
        Fuzzer.target("keepalived-config", seeds()).alphabet(ALPHABET).hangAfter(java.time.Duration.ofMinutes(3))
                .run(3_000, bytes -> {
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ConfigReport report = Configs.parse(file, null);
            int status = report.testExitStatus();
            assertTrue(STATUSES.contains(status), "status " + status);
            if (report.config() != null && report.outcome() == ConfigReport.Outcome.CHECKED) {
                assertNotNull(ConfigDump.render(report.config()));
            }
            return status == 0 ? Outcome.CLEAN : Outcome.REJECTED;
        });
    }

    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Fixture f : Fixture.all()) {
            seeds.add(Files.readAllBytes(f.path()));
        }
        return seeds;
    }

    private void copyFixtures() throws IOException {
        try (Stream<Path> all = Files.walk(Fixture.DIRECTORY)) {
            for (Path p : all.toList()) {
                Path to = directory.resolve(Fixture.DIRECTORY.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }
}
