package io.lvsj.ipvsadm.restore;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ipvsadm's -R input reader, quirks included, and the one deliberate difference (comments). */
class RestoreReaderTest {

    private static List<String> lines(String input) {
        RestoreReader reader = new RestoreReader(input, "ipvsadm");
        List<String> out = new ArrayList<>();
        for (RestoreReader.Line line = reader.next(); line != null; line = reader.next()) {
            out.add(line.number() + ":" + String.join("|", List.of(line.words()).subList(1, line.words().length)));
        }
        return out;
    }

    @Test
    void splitsWordsAtBlanksAndLinesAtNewlines() {
        assertEquals(List.of("1:-A|-t|1.2.3.4:80", "2:-C"), lines("-A -t\t1.2.3.4:80\r\n-C\n"));
        assertEquals(List.of("1:-A", "2:", "3:", "4:-C"), lines("  -A  \n\n \t \n-C"));
    }

    @Test
    void dropsEveryWordIpvsadm() {
        assertEquals(List.of("1:-A|-t|x", "2:"), lines("ipvsadm -A ipvsadm -t x\nipvsadm\n"));
    }

    @Test
    void losesALastLineEndingInTwoBlanksWithoutNewlineAsIpvsadmDoes() {
        assertEquals(List.of("1:-A", "2:-C"), lines("-A\n-C "), "one trailing blank is fine");
        assertEquals(List.of("1:-A"), lines("-A\n-C  "));
        assertEquals(List.of("1:-A", "2:-C"), lines("-A\n-C"));
    }

    @Test
    void treatsWordsFromHashOnAsComments() {
        assertEquals(List.of("1:", "2:-A|-t|x", "3:"), lines("# saved\n-A -t x # web\n#-C\n"));
    }

    @Test
    void splitsWordsLongerThanIpvsadmsBuffer() {
        String word = "x".repeat(4100);
        assertEquals(List.of("1:" + "x".repeat(4096) + "|xxxx"), lines(word + "\n"));
    }

    /** Found by the lab's differential fuzz (issue 12): ipvsadm's words are C strings. */
    @Test
    void aNulByteEndsItsWordAsInC() {
        assertEquals(List.of("1:-A|-t|x", "2:|-C"), lines("-A\0\0junk -t x\n\0ipvsadm -C\n"));
        assertEquals(List.of("1:-A"), lines("ipvsadm\0x -A\n"));
    }
}
