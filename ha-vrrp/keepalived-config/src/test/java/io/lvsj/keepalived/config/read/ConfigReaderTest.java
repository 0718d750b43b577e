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
}
