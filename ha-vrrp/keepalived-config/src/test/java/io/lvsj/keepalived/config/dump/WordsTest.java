package io.lvsj.keepalived.config.dump;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Configs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Words and commands written so keepalived reads back exactly what was meant. */
class WordsTest {
    @TempDir
    Path dir;

    @Test
    void plainWordsStayPlain() {
        assertEquals("lb1", Words.word("lb1"));
        assertEquals("\"a b\"", Words.word("a b"));
        assertEquals("\"lb#1\"", Words.word("lb#1"));
        assertEquals("\"{x}\"", Words.word("{x}"));
    }

    @Test
    void aSingleWordCommandIsWrittenBare() {
        assertEquals("/bin/true", Words.command(List.of("/bin/true")));
    }

    @Test
    void awkwardCommandsSurviveTheRoundTrip() {
        List<String> command = List.of("/bin/sh", "-c", "echo \"it's $HOME\" # not a comment \\ {}");
        String text = """
                global_defs {
                    enable_script_security
                    script_user root
                }
                vrrp_script chk {
                    script %s
                }
                """.formatted(Words.command(command));
        ConfigReport report = Configs.parseText(dir, text);
        assertEquals(command, report.config().vrrpScripts().getFirst().script().command(), text + Configs.describe(report));
    }
}
