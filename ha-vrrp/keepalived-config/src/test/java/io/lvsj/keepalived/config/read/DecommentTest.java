package io.lvsj.keepalived.config.read;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecommentTest {

    @Test
    void thePlainPathStripsAsTheFullOneDoes() {
        Random random = new Random(3);
        String alphabet = "ab {}\t\t  \"\\#!;$";
        for (int round = 0; round < 100_000; round++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Decomment.Result fast = Decomment.apply(line.toString());
            Decomment.Result full = Decomment.inFull(line.toString());
            assertEquals(full.text(), fast.text(), "'" + line + "'");
            assertEquals(full.unterminatedQuote(), fast.unterminatedQuote(), "'" + line + "'");
            if (full.unterminatedQuote()) {
                assertEquals(full.beforeStripping(), fast.beforeStripping(), "'" + line + "'");
            }
        }
    }
}
