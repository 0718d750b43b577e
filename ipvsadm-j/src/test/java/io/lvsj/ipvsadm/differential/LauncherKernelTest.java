package io.lvsj.ipvsadm.differential;

import io.lvsj.lab.KernelTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real program, bin/ipvsadm-j (the launcher, the packaged jar, the AOT cache), installed
 * under the name ipvsadm first in PATH, against Debian's ipvsadm on the lab kernel. The
 * differential suite runs ipvsadm-j in-process; this proves the shipped command too, on a few
 * command lines (a JVM start costs about a second in the lab).
 */
@KernelTest
class LauncherKernelTest {
    private static Path bin;

    @BeforeAll
    static void installAsIpvsadm() throws IOException {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin/ipvsadm-j"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "bin/ipvsadm-j not found above " + System.getProperty("user.dir"));
        assertTrue(Files.isRegularFile(dir.resolve("ipvsadm-j/target/ipvsadm-j.jar")), "ipvsadm-j is not packaged");
        bin = Files.createTempDirectory("ipa-bin");
        Files.createSymbolicLink(bin.resolve("ipvsadm"), dir.resolve("bin/ipvsadm-j"));
        Files.createSymbolicLink(bin.resolve("ipvsadm-save"), dir.resolve("bin/ipvsadm-j-save"));
        Files.createSymbolicLink(bin.resolve("ipvsadm-restore"), dir.resolve("bin/ipvsadm-j-restore"));
    }

    @AfterAll
    static void uninstall() throws IOException {
        try (Stream<Path> files = Files.walk(bin)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void compare(String table, String stdin, String... args) {
        compareProgram("ipvsadm", table, stdin, args);
    }

    /** Debian's {@code program} (ipvsadm, ipvsadm-save, ipvsadm-restore) against ours of that name. */
    private static void compareProgram(String program, String table, String stdin, String... args) {
        try (FreshNamespace ns = new FreshNamespace()) {
            String pristine = Differential.state(ns);
            Differential.load(ns, table);
            FreshNamespace.Result debian = ns.run(command(program, args), Map.of(), stdin);
            String debianState = Differential.state(ns);
            Differential.reset(ns);
            assertEquals(pristine, Differential.state(ns));
            Differential.load(ns, table);
            FreshNamespace.Result ours = ns.run(command(bin.resolve(program).toString(), args),
                    Map.of("PATH", bin + ":" + System.getenv("PATH")), stdin);
            String what = program + " " + String.join(" ", args);
            assertEquals(debian.stdout(), ours.stdout(), what);
            assertEquals(debian.stderr(), ours.stderr(), what);
            assertEquals(debian.status(), ours.status(), what);
            assertEquals(debianState, Differential.state(ns), what);
        }
    }

    private static List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void helpAndMistakesNameTheProgramAsIpvsadmDoes() {
        compare("", "", "-h");
        compare("", "", "-t", "192.0.2.1:80", "-A");
        compare("", "", "-A", "-t", "192.0.2.1:80", "-w", "1");
    }

    @Test
    void changesAndListsTheTable() {
        compare("", "", "-A", "-t", "192.0.2.1:80", "-s", "rr", "-p", "60");
        compare(Tables.MIXED, "", "-Ln", "--stats");
        compare(Tables.MIXED, "", "-Sn");
        compare(Tables.WEB, "", "-a", "-t", "192.0.2.10:80", "-r", "10.1.1.1:8080", "-m");
    }

    @Test
    void restoresFromStandardInput() {
        compare("", Tables.MIXED, "-R");
    }

    @Test
    void saveAndRestoreScriptsBehaveAsDebians() {
        compareProgram("ipvsadm-save", Tables.MIXED, "", "-n");
        compareProgram("ipvsadm-save", Tables.LOCAL, "");
        compareProgram("ipvsadm-save", "", "", "-x");
        compareProgram("ipvsadm-restore", Tables.WEB, "# saved rules\n" + Tables.MIXED);
    }

    /**
     * Issue 12: ipvsadm echoes an argument's bytes whatever the locale; the JVM decodes argv
     * (under LC_ALL=C into "?"), so ipvsadm-j reads the bytes back. {@code printf} makes the
     * argument from octal escapes: é in UTF-8, and a byte that is valid in no locale.
     */
    @Test
    void echoesArgumentBytesAsIpvsadmDoesInEveryLocale() {
        for (String locale : List.of("C", "C.UTF-8")) {
            for (String bytes : List.of("\\303\\251", "\\377x")) {
                try (FreshNamespace ns = new FreshNamespace()) {
                    List<String> script = List.of("sh", "-c", "exec \"$0\" -L \"$(printf \"$1\")\"");
                    List<String> debian = new ArrayList<>(script);
                    debian.addAll(List.of("ipvsadm", bytes));
                    List<String> ours = new ArrayList<>(script);
                    ours.addAll(List.of(bin.resolve("ipvsadm").toString(), bytes));
                    FreshNamespace.Result expected = ns.run(debian, Map.of("LC_ALL", locale), "");
                    FreshNamespace.Result actual = ns.run(ours, Map.of("LC_ALL", locale,
                            "PATH", bin + ":" + System.getenv("PATH")), "");
                    String what = "LC_ALL=" + locale + " ipvsadm -L $(printf " + bytes + ")";
                    assertTrue(expected.stderr().contains("unexpected argument"), what + ": " + expected.stderr());
                    assertEquals(expected.stderr(), actual.stderr(), what);
                    assertEquals(expected.stdout(), actual.stdout(), what);
                    assertEquals(expected.status(), actual.status(), what);
                }
            }
        }
    }
}
