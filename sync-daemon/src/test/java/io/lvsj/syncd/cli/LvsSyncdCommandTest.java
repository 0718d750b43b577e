package io.lvsj.syncd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, short of running the daemon (that needs IPVS: the lab tests run it). */
class LvsSyncdCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new LvsSyncdCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsTheOptionsTheFileSignalsAndExitStatus() {
        Run r = run("--help");
        assertEquals(0, r.status());
        for (String part : new String[] {"--config-test", "--status", "--generate-key", "bind ADDRESS",
                "kernel-daemons manage|follow", "Signals: HUP", "Exit status:", "docs/lvs-syncd.md"}) {
            assertTrue(r.out().contains(part), part + " in --help:\n" + r.out());
        }
    }

    @Test
    void aKeyIsWrittenForItsOwnerOnlyAndNeverOverwritten() throws Exception {
        Path key = dir.resolve("cluster.key");
        assertEquals(0, run("--generate-key", key.toString()).status());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String first = Files.readString(key);
        Run again = run("--generate-key", key.toString());
        assertEquals(1, again.status());
        assertEquals("lvs-syncd: cannot write the key " + key + ": it exists already\n", again.err());
        assertEquals(first, Files.readString(key));
    }

    @Test
    void configTestSaysGoodOrListsEveryMistake() throws Exception {
        Path conf = dir.resolve("lvs-syncd.conf");
        Files.writeString(conf, "bind 192.0.2.1\nkey-file /etc/lvs-syncd/cluster.key\n");
        Run good = run("-t", "-f", conf.toString());
        assertEquals(0, good.status());
        assertEquals("lvs-syncd: " + conf + " is good\n", good.out());
        Files.writeString(conf, "bind 192.0.2.1\ntransport udp\n");
        Run bad = run("-t", "-f", conf.toString());
        assertEquals(1, bad.status());
        assertEquals(conf + ":2: transport is multicast or tcp, not udp\n" + conf
                + ":2: key-file is missing: every director needs the cluster key (lvs-syncd --generate-key FILE)\n",
                bad.err());
        Run missing = run("-t", "-f", dir.resolve("nope.conf").toString());
        assertEquals(1, missing.status());
        assertEquals("lvs-syncd: cannot read the configuration " + dir.resolve("nope.conf") + ": no such file\n",
                missing.err());
    }

    @Test
    void statusWithoutADaemonSaysSo() throws Exception {
        Path conf = dir.resolve("lvs-syncd.conf");
        Files.writeString(conf, "bind 192.0.2.1\nkey-file k\ncontrol-socket " + dir.resolve("ctl.sock") + "\n");
        Run r = run("--status", "-f", conf.toString());
        assertEquals(1, r.status());
        assertEquals("lvs-syncd: no daemon answers on " + dir.resolve("ctl.sock") + " (is lvs-syncd running?)\n",
                r.err());
    }

    @Test
    void aBadCommandLineIsStatus2() {
        assertEquals(2, run("--frobnicate").status());
    }
}
