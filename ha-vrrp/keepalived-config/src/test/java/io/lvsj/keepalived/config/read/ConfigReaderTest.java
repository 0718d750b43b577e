package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines keepalived's parser would see, with the file and line each came from. */
class ConfigReaderTest {
    @TempDir
    Path dir;

    private final Diagnostics diagnostics = new Diagnostics();

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private List<String> read(String configId, String mainFile) {
        ConfigReader reader = new ConfigReader(configId, dir, new Random(1), diagnostics);
        assertTrue(reader.open(mainFile));
        return ConfigReader.readAll(reader).stream().map(l -> l.location() + " " + l.text()).toList();
    }

    private List<String> texts(String text) throws IOException {
        write("main.conf", text);
        return read("node1", "main.conf").stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList();
    }

    @Test
    void commentsAndBlankLinesGoQuotedHashesStay() throws IOException {
        assertEquals(List.of("router_id r1", "name \"a # b\"", "c#d"),
                texts("# whole line\n\n   ! another\nrouter_id r1 # trailing\nname \"a # b\" ! trailing\nc\\#d\n"));
    }

    @Test
    void bracesGetLinesOfTheirOwnAndKeepTheirLineNumber() throws IOException {
        write("main.conf", "\nglobal_defs { router_id r1 }\nvrrp_instance VI_1\n{\n}\n");
        assertEquals(List.of("main.conf:2 global_defs", "main.conf:2 {", "main.conf:2 router_id r1", "main.conf:2 }",
                "main.conf:3 vrrp_instance VI_1", "main.conf:4 {", "main.conf:5 }"), read("node1", "main.conf"));
    }

    @Test
    void includesFollowGlobsInSortedOrderRelativeToTheIncludingFile() throws IOException {
        write("main.conf", "first\ninclude conf.d/*.conf\nlast\n");
        write("conf.d/b.conf", "b1\ninclude nested/*.inc\n");
        write("conf.d/a.conf", "a1\n");
        write("conf.d/nested/x.inc", "x1\n");
        write("conf.d/ignored.txt", "never\n");
        assertEquals(List.of("main.conf:1 first", "conf.d/a.conf:1 a1", "conf.d/b.conf:1 b1", "conf.d/nested/x.inc:1 x1",
                "main.conf:3 last"), read("node1", "main.conf"));
    }

    @Test
    void includesExpandBraces() throws IOException {
        write("main.conf", "include {one,two}.inc\n");
        write("one.inc", "1\n");
        write("two.inc", "2\n");
        assertEquals(List.of("one.inc:1 1", "two.inc:1 2"), read("node1", "main.conf"));
    }

    @Test
    void includesOfMissingFilesAreReportedAndReadingGoesOn() throws IOException {
        write("main.conf", "include missing.conf\nafter\n");
        assertEquals(List.of("main.conf:2 after"), read("node1", "main.conf"));
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.location().line() == 1), diagnostics.all().toString());
    }

    @Test
    void strictIncludeOfAMissingFileIsAFileError() throws IOException {
        write("main.conf", "includew missing-*.conf\nafter\n");
        ConfigReader reader = new ConfigReader("node1", dir, new Random(1), diagnostics);
        reader.open("main.conf");
        ConfigReader.readAll(reader);
        assertTrue(reader.fileError());
    }

    @Test
    void definitionsExpandWithAndWithoutBraces() throws IOException {
        assertEquals(List.of("interface eth0", "virtual_ipaddress 192.0.2.1/24"),
                texts("$IF=eth0\n$VIP=192.0.2.1\ninterface $IF\nvirtual_ipaddress ${VIP}/24\n"));
    }

    @Test
    void definitionsMayReferToDefinitionsAndBeRedefined() throws IOException {
        assertEquals(List.of("x eth0", "x eth1"), texts("$BASE=eth\n$IF=${BASE}0\nx $IF\n$IF=${BASE}1\nx $IF\n"));
    }

    @Test
    void multilineDefinitionsBecomeSeveralLines() throws IOException {
        assertEquals(List.of("track_script", "{", "chk_a", "chk_b", "}"),
                texts("$TRACK=track_script { \\\n  chk_a \\\n  chk_b \\\n}\n$TRACK\n"));
    }

    @Test
    void standardDefinitions() throws IOException {
        // an expanded line has its comments stripped again: a bare ${_HASH} starts one
        assertEquals(List.of("id node1", "hash \"#\"", "bang", "pwd " + dir),
                texts("id ${_INSTANCE}\nhash \"${_HASH}\"\nbang ${_BANG}\npwd ${_PWD}\n"));
    }

    @Test
    void conditionalLinesFollowTheConfigId() throws IOException {
        write("main.conf", "@node1 mine\n@node2 theirs\n@^node1 not-mine\n@^node2 not-theirs\nplain\n");
        assertEquals(List.of("mine", "not-theirs", "plain"),
                read("node1", "main.conf").stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList());
        assertEquals(List.of("theirs", "not-mine", "plain"),
                read("node2", "main.conf").stream().map(s -> s.substring(s.indexOf(' ') + 1)).toList());
    }

    @Test
    void sequencesRepeatTheLine() throws IOException {
        assertEquals(List.of("vip 10", "vip 12", "vip 14", "n 1", "n 2", "n 3"),
                texts("~SEQ(N,10,2,14) vip $N\n~SEQ(I,3) n $I\n"));
    }

    @Test
    void hexSequences() throws IOException {
        assertEquals(List.of("a 2001:db8::e", "a 2001:db8::f", "a 2001:db8::10"), texts("~SEQx(H,0xe,1,0x10) a 2001:db8::$H\n"));
    }

    @Test
    void aListInsideASequenceRunsForEachValueButCannotSeeTheSequenceVariable() throws IOException {
        // keepalived 2.2.7 prints "Unknown keyword 'kac_$N-a'", then '-b', twice, for "kac_$N-$L"
        assertEquals(List.of("$N-a", "$N-b", "$N-a", "$N-b"), texts("~SEQ(N,1,2) ~LST(L,a,b) $N-$L\n"));
    }

    @Test
    void listsRepeatTheLineForEachValueSet() throws IOException {
        assertEquals(List.of("VI_A 65", "VI_B 66"), texts("~LST({NAME,ID},{VI_A,65},{VI_B,66}) $NAME $ID\n"));
    }

    @Test
    void invalidSequencesAreReported() throws IOException {
        assertEquals(List.of(), texts("~SEQ(N,1,0,5) never $N\n"));
        assertFalse(diagnostics.all().isEmpty());
        assertTrue(diagnostics.worst().compareTo(Severity.NOTE) > 0, diagnostics.all().toString());
    }

    /**
     * Issue 12: a file that includes itself grew memory until an OutOfMemoryError. keepalived
     * stops where its descriptors run out; so does keepalived-j, counting what keepalived holds
     * (1,018 files named without a '/' under the usual 1,024).
     */
    @Test
    void anIncludeLoopStopsWhereKeepalivedRunsOutOfDescriptors() throws IOException {
        write("self.conf", "include self.conf\nline\n");
        List<String> lines = read("node1", "self.conf");
        assertEquals(1018, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.equals("self.conf:2 line")));
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.message().equals(
                "Configuration file 'self.conf' open problem (Too many open files) - skipping")), diagnostics.all().toString());
        assertEquals(Severity.REPORTED, diagnostics.worst(), "keepalived -t prints it and exits 0");
    }

    @Test
    void aLoopThroughAWildcardEndsWhenTheDirectoryCannotBeOpened() throws IOException {
        write("loop/a.conf", "include *\nline\n");
        List<String> lines = read("node1", "loop/a.conf");
        assertEquals(1017, lines.size(), "the main file and its directory hold two descriptors");
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.message().equals("Config files missing '*'.")));
    }

    /** keepalived would open 2^1000 files here; keepalived-j stops after MAX_FILES_OPENED and says why. */
    @Test
    void aLoopThatFansOutStopsWithAnError() throws IOException {
        write("fan/a.conf", "include *.conf\n");
        write("fan/b.conf", "include *.conf\n");
        long started = System.nanoTime();
        read("node1", "fan/a.conf");
        assertTrue(System.nanoTime() - started < 60_000_000_000L, "took too long");
        assertEquals(Severity.FATAL, diagnostics.worst(), diagnostics.all().toString());
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.message().startsWith("More than 100000 configuration files opened")));
    }

    @Test
    void devicesFifosAndDirectoriesAreReportedAndSkipped() throws IOException {
        Path fifo = dir.resolve("fifo");
        io.lvsj.lab.Command.run("mkfifo", fifo.toString()).requireSuccess();
        write("main.conf", "include /dev/zero\ninclude " + fifo + "\ninclude /\ninclude " + dir + "\nlast\n");
        assertEquals(List.of("main.conf:5 last"), read("node1", "main.conf"));
        List<String> messages = diagnostics.all().stream().map(d -> d.severity() + " " + d.message()).toList();
        assertEquals(List.of(
                "REPORTED Configuration file '/dev/zero' is not a regular non-executable file - skipping",
                "REPORTED Configuration file '" + fifo + "' is not a regular non-executable file - skipping",
                "REPORTED Configuration file '//' is a directory - skipping",
                "REPORTED Configuration file '" + dir + "/' is a directory - skipping"), messages);
    }

    @Test
    void aNulByteEndsTheLineAsInC() throws IOException {
        write("inc.conf", "included\n");
        assertEquals(List.of("included", "after"), texts("include inc.conf\0junk\nafter\0 more\n"));
    }

    /**
     * Found by the long fuzz run (issue 12): a multi-line definition that uses itself in its own
     * lines, used once. keepalived 2.2.7 expands it for ever (the fuzzer's watchdog caught
     * keepalived-j doing the same); keepalived-j gives up after 100,000 lines and says why.
     */
    @Test
    void aMultilineDefinitionThatUsesItselfEnds() throws IOException {
        write("main.conf", "$LOOP=\\\nfirst\\\n$LOOP\n$LOOP\nafter\n");
        ConfigReader reader = new ConfigReader("node1", dir, new Random(1), diagnostics);
        assertTrue(reader.open("main.conf"));
        long started = System.nanoTime();
        List<ConfigLine> lines = ConfigReader.readAll(reader);
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "it ends");
        assertEquals("after", lines.getLast().text());
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.message().endsWith("refer to themselves endlessly - not expanded")),
                diagnostics.all().toString());
    }

    /**
     * Found by the long fuzz run: a ~SEQ bound past 2^63; keepalived sets out to produce every
     * line. The bound counts every line the ~SEQ line gives, a multi-line definition's too.
     */
    @Test
    void aSequenceOfBillionsOfLinesStopsAtTenMillion() throws IOException {
        write("main.conf", "~SEQ(A,1,2222222222222222222222) ~SEQ(B,1,3) x$A$B\nafter\n");
        ConfigReader reader = new ConfigReader("node1", dir, new Random(1), diagnostics);
        assertTrue(reader.open("main.conf"));
        long lines = 0;
        String last = null;
        for (ConfigLine l = reader.next(); l != null; l = reader.next()) {
            lines++;
            last = l.text();
        }
        // ten million sequence steps (the nested ~SEQ's own line is one), then the file goes on
        assertTrue(lines > ConfigReader.MAX_GENERATED_LINES / 2 && lines <= ConfigReader.MAX_GENERATED_LINES + 1, "" + lines);
        assertEquals("after", last);
        assertTrue(diagnostics.all().stream().anyMatch(d -> d.message().contains("would give more than 10000000 lines")));
    }

    @Test
    void aSequenceOfAMultilineDefinitionCountsEveryLineItGives() throws IOException {
        write("main.conf", "$BODY=\\\none $A\\\ntwo $A\\\nthree $A\n~SEQ(A,1,99999999999999) $BODY\nafter\n");
        ConfigReader reader = new ConfigReader("node1", dir, new Random(1), diagnostics);
        assertTrue(reader.open("main.conf"));
        long lines = 0;
        String last = null;
        for (ConfigLine l = reader.next(); l != null; l = reader.next()) {
            lines++;
            last = l.text();
        }
        assertTrue(lines <= ConfigReader.MAX_GENERATED_LINES + 1, "" + lines);
        assertEquals("after", last);
    }
}
