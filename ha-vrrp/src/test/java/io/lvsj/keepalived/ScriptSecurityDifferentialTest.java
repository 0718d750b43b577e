package io.lvsj.keepalived;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code enable_script_security} refuses what keepalived refuses (issue 12): Debian's
 * {@code keepalived -t} (2.2.7) and {@code keepalived-j -t} look at the same scripts, in a tree
 * of files and directories with the permissions and owners that matter to keepalived's
 * definition of "writable by a non-root user" (the file and every directory on its resolved
 * path owned by root, not writable by a group other than root nor by others, a sticky
 * directory excepted), run as root, as {@code nobody}, set-uid root, through links and
 * {@code PATH}. Each must give the same exit status and the same complaints about the script.
 * For a script run as another user keepalived's {@code -t} kills itself (its check sees a
 * parent that is not keepalived), so there the oracle is keepalived's VRRP process starting for
 * real with {@code -D}, whose log has every complaint, against {@code keepalived-j -t -D}.
 * Needs root and Debian's keepalived, like {@link KeepalivedDifferentialTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptSecurityDifferentialTest {
    private static final String KEEPALIVED = "/usr/sbin/keepalived";
    private static final String NAMESPACE = "kac-sec-" + ProcessHandle.current().pid();
    /** keepalived's location prefix, "(file: Line n) " or "(Line n) ". */
    private static final Pattern KEEPALIVED_PREFIX = Pattern.compile("^\\((?:[^)]*: )?Line \\d+\\) ");
    /** keepalived's log time stamp, "Mon Dec  7 07:57:52 2026: ". */
    private static final Pattern TIMESTAMP = Pattern.compile("^\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}: ");
    /** ours, "file:line: warning: ". */
    private static final Pattern OUR_PREFIX = Pattern.compile("^[^ ]*:\\d+: [a-z]+: |^[a-z]+: ");

    private Path root;
    private TestNetwork network;
    private Path tree;

    @BeforeAll
    void createNamespaceAndTree() throws IOException {
        assertTrue(Files.isExecutable(Path.of(KEEPALIVED)), "Debian's keepalived is the oracle: apt-get install keepalived");
        network = TestNetwork.create(NAMESPACE);
        root = Files.createTempDirectory("kac-sec");
        tree = root.resolve("t");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        directory("secure", "rwxr-xr-x", null, null);
        script("secure/ok.sh", "rwxr-xr-x", null, null);
        script("secure/group-writable.sh", "rwxrwxr-x", null, "users");
        script("secure/root-group-writable.sh", "rwxrwxr-x", null, "root");
        script("secure/world-writable.sh", "rwxr-xrwx", null, null);
        script("secure/not-root.sh", "rwxr-xr-x", "nobody", null);
        script("secure/not-executable.sh", "rw-r--r--", null, null);
        script("secure/setuid.sh", "rwsr-xr-x", null, null);
        directory("open", "rwxrwxrwx", null, null);
        script("open/s.sh", "rwxr-xr-x", null, null);
        script("open/setuid.sh", "rwsr-xr-x", null, null);
        directory("sticky", "rwxrwxrwt", null, null);
        script("sticky/s.sh", "rwxr-xr-x", null, null);
        directory("group", "rwxrwxr-x", null, "users");
        script("group/s.sh", "rwxr-xr-x", null, null);
        directory("rootgroup", "rwxrwxr-x", null, "root");
        script("rootgroup/s.sh", "rwxr-xr-x", null, null);
        directory("theirs", "rwxr-xr-x", "nobody", null);
        script("theirs/s.sh", "rwxr-xr-x", null, null);
        directory("private", "rwx------", null, null);
        script("private/s.sh", "rwxr-xr-x", null, null);
        // a link in a directory anyone can write to, to a secure script: keepalived runs the target
        Files.createSymbolicLink(tree.resolve("open/to-secure.sh"), tree.resolve("secure/ok.sh"));
        // a link in a secure directory to a script anyone could replace
        Files.createSymbolicLink(tree.resolve("secure/to-open.sh"), tree.resolve("open/s.sh"));
        // a link under another name: keepalived keeps the link's name when it is the same file
        Files.createSymbolicLink(tree.resolve("secure/alias.sh"), tree.resolve("secure/ok.sh"));
    }

    @AfterAll
    void deleteNamespaceAndTree() throws IOException {
        if (network != null) {
            network.close();
        }
        if (root != null) {
            try (var all = Files.walk(root)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void rootScriptsAreRefusedWhereKeepalivedRefusesThem() throws Exception {
        for (String script : List.of("secure/ok.sh", "secure/group-writable.sh", "secure/root-group-writable.sh",
                "secure/world-writable.sh", "secure/not-root.sh", "secure/not-executable.sh", "open/s.sh",
                "sticky/s.sh", "group/s.sh", "rootgroup/s.sh", "theirs/s.sh", "open/to-secure.sh",
                "secure/to-open.sh", "secure/alias.sh", "secure/", "missing.sh")) {
            compare(script, "root", true);
        }
        compare("//", "root", true);
        compare("true", "root", true);
        compare("no-such-program-anywhere", "root", true);
        assertEquals(Set.of("Disabling track script chk due to insecure"), compare("open/s.sh", "root", true));
        assertEquals(Set.of(), compare("open/to-secure.sh", "root", true), "the link's target is what runs");
    }

    @Test
    void withoutScriptSecurityTheSameScriptsAreViolations() throws Exception {
        for (String script : List.of("secure/ok.sh", "open/s.sh", "secure/world-writable.sh", "secure/not-executable.sh")) {
            compare(script, "root", false);
        }
    }

    /** Only root's scripts (or set-uid root ones) need a secure path; nobody must reach and execute it. */
    @Test
    void otherUsersScriptsNeedToBeReachableAndExecutableOnly() throws Exception {
        for (String script : List.of("secure/ok.sh", "open/s.sh", "secure/world-writable.sh", "open/setuid.sh",
                "secure/setuid.sh", "private/s.sh", "secure/not-executable.sh", "secure/not-root.sh")) {
            compare(script, "nobody", true);
        }
        assertTrue(compare("private/s.sh", "nobody", true).contains("Script " + tree.resolve("private/s.sh")
                + " cannot be accessed - Permission denied"));
        assertTrue(compare("open/setuid.sh", "nobody", true).contains("Unsafe permissions found for script '"
                + tree.resolve("open/setuid.sh") + "' - disabling."));
        assertEquals(Set.of(), compare("open/s.sh", "nobody", true), "nobody's script needs no secure path");
    }

    /** Compares both on one script; returns keepalived's complaints. */
    private Set<String> compare(String script, String user, boolean security) throws Exception {
        Path file = config(script, user, security);
        Run ours = keepalivedJ(file, "-D");
        if (!user.equals("root")) {
            Set<String> keepalived = complaints(startingLog(file), TIMESTAMP);
            assertEquals(keepalived, complaints(ours.output, OUR_PREFIX), script + " as " + user + "\n--- keepalived-j:\n" + ours.output);
            return keepalived;
        }
        Run keepalived = keepalived(file);
        ours = keepalivedJ(file);
        String what = script + " as " + user + (security ? " with" : " without") + " enable_script_security\n--- keepalived:\n"
                + keepalived.output + "--- keepalived-j:\n" + ours.output;
        assertEquals(keepalived.status, ours.status, what);
        Set<String> said = complaints(keepalived.output, KEEPALIVED_PREFIX);
        assertEquals(said, complaints(ours.output, OUR_PREFIX), what);
        return said;
    }

    private Path config(String script, String user, boolean security) throws IOException {
        String path = script.startsWith("/") || !script.contains("/") ? script : tree.resolve(script).toString();
        if (script.endsWith("/") && !script.equals("//")) {
            path = tree.resolve(script) + "/";
        }
        String config = "global_defs {\n    script_user " + user + "\n" + (security ? "    enable_script_security\n" : "")
                + "}\nvrrp_script chk {\n    script \"" + path + " arg\"\n    interval 1\n}\n"
                + "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    track_script {\n        chk\n    }\n"
                + "    virtual_ipaddress {\n        192.0.2.51\n    }\n}\n";
        Path file = root.resolve("sec.conf");
        Files.writeString(file, config);
        return file;
    }

    /**
     * What keepalived's VRRP process logs while it starts (with -D, every note), up to "Startup
     * complete"; then it is stopped.
     */
    private String startingLog(Path file) throws InterruptedException {
        try (BackgroundProcess keepalived = BackgroundProcess.start(network.inside(List.of(KEEPALIVED, "-n", "-l", "-D",
                "--vrrp", "-f", file.toString(), "-p", root.resolve("k.pid").toString(), "-r",
                root.resolve("v.pid").toString())), root.resolve("keepalived.log"))) {
            keepalived.awaitLog("Startup complete", Duration.ofSeconds(10));
            String log = keepalived.log();
            keepalived.stop(Duration.ofSeconds(10));
            return log;
        }
    }

    /** The lines about scripts, without where they were said. */
    private static Set<String> complaints(String output, Pattern prefix) {
        Set<String> out = new TreeSet<>();
        for (String line : output.split("\n")) {
            String text = prefix.matcher(line).replaceFirst("");
            boolean ran = text.startsWith("VRRP_Script("); // a result: keepalived got to run it
            if (!ran && (text.toLowerCase().contains("script") || text.startsWith("SECURITY"))) {
                out.add(text);
            }
        }
        return out;
    }

    private Run keepalived(Path file) {
        Command.Result r = Command.runIn(root, network.inside(List.of(KEEPALIVED, "-t", "-f", file.toString())));
        return new Run(r.status(), r.output());
    }

    private static Run keepalivedJ(Path file, String... more) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("-t", "-s", NAMESPACE, "-f", file.toString()));
        args.addAll(List.of(more));
        int status = KeepalivedMain.run(args.toArray(String[]::new), stream, stream);
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {
    }

    private void directory(String name, String mode, String owner, String group) throws IOException {
        Path dir = tree.resolve(name);
        Files.createDirectories(dir);
        own(dir, mode, owner, group);
    }

    private void script(String name, String mode, String owner, String group) throws IOException {
        Path file = tree.resolve(name);
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        own(file, mode, owner, group);
    }

    /** chmod after chown: changing the owner clears the set-uid bit. */
    private static void own(Path path, String mode, String owner, String group) throws IOException {
        UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (owner != null) {
            view.setOwner(names.lookupPrincipalByName(owner));
        }
        if (group != null) {
            GroupPrincipal g = names.lookupPrincipalByGroupName(group);
            view.setGroup(g);
        }
        Command.run("chmod", symbolic(mode), path.toString()).requireSuccess();
    }

    /** "rwsr-xr-x" as chmod's octal, set-uid and sticky bits included. */
    private static String symbolic(String mode) {
        int bits = 0;
        String order = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            char c = mode.charAt(i);
            if (c != '-') {
                bits |= 1 << (8 - i);
            }
        }
        if (mode.charAt(2) == 's') {
            bits |= 04000;
        }
        if (mode.charAt(8) == 't') {
            bits |= 01000;
        }
        assertEquals(9, order.length());
        return Integer.toOctalString(bits);
    }
}
