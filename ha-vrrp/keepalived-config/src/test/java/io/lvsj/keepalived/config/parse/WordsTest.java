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
}
