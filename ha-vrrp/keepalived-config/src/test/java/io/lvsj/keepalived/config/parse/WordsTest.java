package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordsTest {

    /** What the skipping loop did with split words before skipBraces: count to the '}' that reaches 0. */
    private static int bySplitting(String line, int level) {
        List<String> words = Words.split(line, Location.NONE, new Diagnostics());
        for (String word : words) {
            if (word.equals("{")) {
                level++;
            } else if (word.equals("}") && --level == 0) {
                return 0;
            }
        }
        return level;
    }

    @Test
    void skipBracesCountsAsSplittingDoes() {
        Random random = new Random(7);
        String[] pieces = {"{", "}", " ", "\t", "a", "{a", "}}", "x}", "\r", "\f", "\u000b", "{{", "b c"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            int level = 1 + random.nextInt(3);
            assertEquals(bySplitting(line.toString(), level), Words.skipBraces(line.toString(), level),
                    "'" + line + "' at level " + level);
        }
    }

    /** {@link Words#split} as it was written first, two reads of each char: what the faster loop must still give. */
    private static List<String> splitReference(String line, Diagnostics diagnostics) {
        List<String> words = new java.util.ArrayList<>();
        int p = 0;
        int n = line.length();
        while (true) {
            while (p < n && " \t\n\r\f\u000b".indexOf(line.charAt(p)) >= 0) {
                p++;
            }
            if (p >= n) {
                break;
            }
            if (line.charAt(p) == '"') {
                int close = line.indexOf('"', p + 1);
                if (close < 0) {
                    diagnostics.report(Location.NONE, io.lvsj.keepalived.config.Severity.UNMATCHED_QUOTE, "Unmatched quote: '" + line + "'");
                    break;
                }
                words.add(line.substring(p + 1, close));
                p = close + 1;
            } else {
                int start = p;
                while (p < n && " \t\n\r\f\u000b".indexOf(line.charAt(p)) < 0 && line.charAt(p) != '"') {
                    p++;
                }
                words.add(line.substring(start, p));
            }
        }
        return words;
    }

    @Test
    void splitGivesTheWordsAndErrorsOfTheReference() {
        Random random = new Random(13);
        String[] pieces = {"a", "bc", " ", "\t", "\"", "\"x y\"", "{", "}", "\r", "\f", "\u000b", "\n", "é", ""};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            Diagnostics expected = new Diagnostics();
            Diagnostics actual = new Diagnostics();
            assertEquals(splitReference(line.toString(), expected), Words.split(line.toString(), Location.NONE, actual),
                    "'" + line + "'");
            assertEquals(expected.all(), actual.all(), "'" + line + "'");
        }
    }
}
