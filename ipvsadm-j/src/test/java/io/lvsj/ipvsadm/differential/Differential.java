package io.lvsj.ipvsadm.differential;

import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvsadm.Environment;
import io.lvsj.ipvsadm.Ipvsadm;
import io.lvsj.ipvsadm.inet.GlibcNameService;
import io.lvsj.netlink.NetlinkException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs one {@link DiffCase} with both tools from the same state, in one fresh namespace:
 * load the table, run Debian's ipvsadm, read the resulting state; reset the namespace to its
 * pristine state (checked), load the table again, run ipvsadm-j in-process, read the state;
 * then compare standard output, standard error, exit status, the complete kernel state and
 * {@code -Sn} (Debian's {@code ipvsadm -Sn} of its result against ipvsadm-j's of its own). One namespace for both keeps the kernel's dump order (its service hash mixes
 * in the namespace) the same for both, which {@code --nosort} and the sort quirks need.
 */
final class Differential {
    private static final Pattern LINE_PREFIX = Pattern.compile("(?m)^line \\d+: ");
    private static final GlibcNameService NAMES = new GlibcNameService();

    private Differential() {
    }

    /** What one tool did. */
    record Outcome(int status, String stdout, String stderr, String state, String saved) {
    }

    static void check(DiffCase c) {
        try (FreshNamespace ns = new FreshNamespace()) {
            String pristine = state(ns);
            load(ns, c.setup());
            Outcome debian = debian(ns, c);
            reset(ns);
            assertEquals(pristine, state(ns), "the namespace was not reset to its pristine state");
            load(ns, c.setup());
            Outcome ours = ipvsadmJ(ns, c);
            compare(c, debian, ours);
        }
    }

    static Outcome debian(FreshNamespace ns, DiffCase c) {
        String stdin = c.deviation() == DiffCase.Deviation.RESTORE_COMMENTS ? withoutComments(c.stdin()) : c.stdin();
        List<String> command = new ArrayList<>();
        if (c.procConnFixture() != null) {
            // ipvsadm reads the fixed path /proc/net/ip_vs_conn: give it a /proc of its own
            command.addAll(List.of("unshare", "-m", "sh", "-c",
                    "mount -t tmpfs tmpfs /proc && mkdir /proc/net && cat > /proc/net/ip_vs_conn && exec ipvsadm \"$@\"",
                    "sh"));
            stdin = c.procConnFixture();
        } else {
            command.add("ipvsadm");
        }
        command.addAll(c.args());
        FreshNamespace.Result r = ns.run(command, c.environment(), stdin);
        FreshNamespace.Result save = ns.run(List.of("ipvsadm", "-Sn"), java.util.Map.of(), "");
        assertEquals(0, save.status(), "ipvsadm -Sn failed: " + save.stderr());
        return new Outcome(r.status(), r.stdout(), r.stderr(), state(ns), save.stdout());
    }

    static Outcome ipvsadmJ(FreshNamespace ns, DiffCase c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = new Environment(new ByteArrayInputStream(c.stdin().getBytes(StandardCharsets.ISO_8859_1)),
                out, err, () -> IpvsClient.open(ns.netns()),
                name -> c.procConnFixture() != null && name.equals("ip_vs_conn") ? c.procConnFixture() : ns.procNet(name),
                NAMES,
                c.environment().containsKey("POSIXLY_CORRECT"));
        int status = Ipvsadm.run(env, "ipvsadm", c.args());
        return new Outcome(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1),
                state(ns), saved(ns));
    }

    static void compare(DiffCase c, Outcome debian, Outcome ours) {
        String ourStdout = ours.stdout();
        String ourStderr = ours.stderr();
        int expectedStatus = debian.status();
        switch (c.deviation()) {
            case HELP_EXTENSIONS -> {
                assertTrue(ourStdout.startsWith(debian.stdout()), "--help must start with ipvsadm's text");
                assertTrue(ourStdout.substring(debian.stdout().length()).contains("Extensions in ipvsadm-j"));
                ourStdout = debian.stdout();
            }
            case VERSION_EXTENSION -> {
                assertTrue(ourStdout.startsWith(debian.stdout()), "--version must start with ipvsadm's line");
                assertTrue(ourStdout.substring(debian.stdout().length()).startsWith("ipvsadm-j "));
                ourStdout = debian.stdout();
            }
            case EMPTY_SCHEDULER_FLAGS -> {
                assertEquals(139, debian.status(), "ipvsadm 1.31 crashes on -b with only commas");
                assertEquals(2, ours.status());
                assertTrue(ourStderr.startsWith("invalid scheduler flag `"), ourStderr);
                assertEquals(debian.state(), ours.state());
                return;
            }
            case LOCAL_ADDRESS_COMMANDS -> {
                assertEquals(255, debian.status(), "ipvsadm 1.31 does not know " + c.args());
                assertTrue(debian.stderr().startsWith("Try `ipvsadm -h'"), debian.stderr());
                assertEquals(2, ours.status());
                assertTrue(ourStderr.startsWith("You need to supply the 'service-address' option for the '"), ourStderr);
                assertEquals(debian.state(), ours.state());
                return;
            }
            case NONE, RESTORE_COMMENTS -> {
            }
        }
        if (c.isRestore()) {
            // every message about an input line names the line (an improvement); the words after it are ipvsadm's
            if (c.args().size() == 1) {
                for (String line : ourStderr.split("\n")) {
                    assertTrue(line.isEmpty() || LINE_PREFIX.matcher(line).lookingAt(),
                            "-R message without its line number: " + line);
                }
            }
            boolean reportedErrors = LINE_PREFIX.matcher(ourStderr).find();
            if (debian.status() == 0 && reportedErrors) {
                expectedStatus = 255; // any failed line fails the restore (ipvsadm: only the last line counts)
            }
            ourStderr = LINE_PREFIX.matcher(ourStderr).replaceAll("");
        }
        assertEquals(debian.stdout(), ourStdout, "standard output");
        assertEquals(debian.stderr(), ourStderr, "standard error");
        assertEquals(expectedStatus, ours.status(), "exit status");
        assertEquals(debian.state(), ours.state(), "kernel state afterwards");
        assertEquals(debian.saved(), ours.saved(), "ipvsadm -Sn afterwards");
    }

    /** Loads a table with ipvsadm-j -R (itself checked against ipvsadm by the -R cases). */
    static void load(FreshNamespace ns, String rules) {
        if (rules.isEmpty()) {
            return;
        }
        Outcome r = ipvsadmJ(ns, DiffCase.of("-R").input(rules));
        assertEquals("", r.stderr(), "setup rules failed");
        assertEquals(0, r.status(), "setup rules failed");
    }

    /** Back to a new namespace's IPVS: no services, default timeouts, no sync daemon. */
    static void reset(FreshNamespace ns) {
        try (Ipvs ipvs = IpvsClient.open(ns.netns())) {
            ipvs.execute(new IpvsCommand.Flush());
            ipvs.execute(new IpvsCommand.SetTimeouts(new Timeouts(900, 120, 300)));
            for (DaemonState state : DaemonState.values()) {
                try {
                    ipvs.execute(new IpvsCommand.StopDaemon(state, 0));
                } catch (NetlinkException notRunning) {
                    // ESRCH: none of this kind
                }
            }
        }
    }

    static String state(FreshNamespace ns) {
        try (Ipvs ipvs = IpvsClient.open(ns.netns())) {
            return KernelState.capture(ipvs);
        }
    }

    private static String saved(FreshNamespace ns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Environment env = new Environment(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(),
                () -> IpvsClient.open(ns.netns()), ns::procNet, NAMES, false);
        assertEquals(0, Ipvsadm.run(env, "ipvsadm", List.of("-Sn")));
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The input as ipvsadm-j reads it: words from one starting with # to the end of the line dropped. */
    static String withoutComments(String input) {
        StringBuilder out = new StringBuilder();
        for (String line : input.split("\n", -1)) {
            String[] words = line.split("(?=[ \t\r])|(?<=[ \t\r])");
            StringBuilder kept = new StringBuilder();
            for (String w : words) {
                if (w.startsWith("#")) {
                    break;
                }
                kept.append(w);
            }
            out.append(kept).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
