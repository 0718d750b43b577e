package io.lvsj.keepalived.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One configuration written for these tests, under {@code fixtures/} on the test class path,
 * with what its header comments say:
 * <ul>
 *   <li>{@code # expect: N}: the status {@code keepalived -t} (Debian 2.2.7) exits with, verified
 *       against it by {@code KeepalivedDifferentialTest};</li>
 *   <li>{@code # args: ...}: extra command-line options ({@code -i node1});</li>
 *   <li>{@code # oracle: SIGNAL - why}: keepalived 2.2.7 itself crashes or kills itself on this
 *       file, so {@code expect} is the status keepalived-j gives and the differential test checks
 *       that keepalived really does fail that way, or, where the crash is undefined behaviour that
 *       a different memory layout hides, exits with {@code expect} instead.</li>
 *   <li>{@code # keepalived: N - why}: the file uses a keepalived-j extension, so keepalived's
 *       status ({@code N}, which the differential test checks) differs from keepalived-j's
 *       {@code expect}.</li>
 * </ul>
 */
public record Fixture(Path path, int expect, List<String> args, Optional<String> oracleFailure, int keepalivedExpect) {

    public static final Path DIRECTORY = directory();

    /**
     * The fixtures as files: where they are on the class path, or, when that is the
     * keepalived-config test jar (keepalived-j's tests in a reactor build), a copy in a
     * temporary directory, since Debian's keepalived reads them by path.
     */
    private static Path directory() {
        try {
            URI uri = Fixture.class.getResource("fixtures").toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            Path copy = Files.createTempDirectory("kac-fixtures");
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of()); Stream<Path> files = Files.walk(jar.provider()
                    .getPath(uri))) {
                Path root = jar.provider().getPath(uri);
                for (Path p : files.toList()) {
                    Path target = copy.resolve(root.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return copy;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the fixtures out of the test jar", e);
        }
    }

    public static List<Fixture> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().map(Fixture::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fixture named(String name) {
        return read(DIRECTORY.resolve(name));
    }

    static Fixture read(Path path) {
        List<String> header;
        try (Stream<String> lines = Files.lines(path)) {
            header = lines.limit(5).map(String::strip).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Integer expect = null;
        List<String> args = List.of();
        Optional<String> oracle = Optional.empty();
        Integer keepalived = null;
        for (String line : header) {
            if (line.startsWith("# expect:")) {
                expect = Integer.parseInt(line.substring(9).strip());
            } else if (line.startsWith("# args:")) {
                args = Arrays.asList(line.substring(7).strip().split("\\s+"));
            } else if (line.startsWith("# oracle:")) {
                oracle = Optional.of(line.substring(9).strip().split("\\s+")[0]);
            } else if (line.startsWith("# keepalived:")) {
                keepalived = Integer.parseInt(line.substring(13).strip().split("\\s+")[0]);
            }
        }
        if (expect == null) {
            throw new IllegalStateException(path + " has no '# expect: N' header");
        }
        return new Fixture(path, expect, args, oracle, keepalived != null ? keepalived : expect);
    }

    public String name() {
        return path.getFileName().toString();
    }

    /** The {@code -i} value from the header, if any. */
    public String configId() {
        int i = args.indexOf("-i");
        return i >= 0 ? args.get(i + 1) : null;
    }

    @Override
    public String toString() {
        return name();
    }
}
