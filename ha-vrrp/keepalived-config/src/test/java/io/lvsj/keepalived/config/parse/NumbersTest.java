package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keepalived's number readers: what they accept, what they complain about, what lenient keeps. */
class NumbersTest {
    private final Diagnostics diagnostics = new Diagnostics();
    private final Numbers numbers = new Numbers(diagnostics).at(new Location("k.conf", 3));

    @Test
    void integersInRange() {
        assertEquals(42L, numbers.readInt("42", 0, 100, false));
        assertEquals(-5L, numbers.readInt("-5", -10, 10, false));
        assertTrue(diagnostics.all().isEmpty());
    }

    @Test
    void outOfRangeIsRefusedAndSaidWhere() {
        assertNull(numbers.readInt("300", 1, 255, true));
        assertEquals("k.conf:3: warning: number '300' outside range [1, 255]", diagnostics.all().getFirst().toString());
    }

    @Test
    void lenientKeepsTheLeadingNumberButStillComplains() {
        assertEquals(12L, numbers.readInt("12abc", 0, 100, true));
        assertNull(numbers.readInt("12abc", 0, 100, false));
        assertNull(numbers.readInt("abc", 0, 100, true));
        // the same complaint twice is reported once, as keepalived's two passes would repeat it
        assertEquals(List.of("invalid number '12abc'", "invalid number 'abc'"), diagnostics.all().stream().map(d -> d.message()).toList());
    }

    @Test
    void unsignedRefusesNegatives() {
        assertNull(numbers.readUnsigned("-1", 0, Numbers.UINT_MAX, true));
        assertTrue(diagnostics.all().getFirst().message().contains("negative number"));
    }

    @Test
    void hexAndOctalAreNotDecimal() {
        assertNull(numbers.readUnsigned("0x10", 0, 100, false));
    }

    @Test
    void timersAreMicroseconds() {
        assertEquals(1_500_000L, numbers.readTimer("1.5", 0, 0, false));
        assertEquals(3_000_000L, numbers.readTimer("3", 0, 0, false));
        assertEquals(1L, numbers.readTimer("0.000001", 0, 0, false));
    }

    @Test
    void tooManyDecimalPlacesRoundAndComplain() {
        assertEquals(2L, numbers.readTimer("0.0000015", 0, 0, true));
        assertTrue(diagnostics.all().getFirst().message().contains("too many decimal places"));
    }

    @Test
    void trueFalseWords() {
        for (String yes : new String[] {"true", "on", "yes"}) {
            assertEquals(1, Numbers.trueFalse(yes));
        }
        for (String no : new String[] {"false", "off", "no"}) {
            assertEquals(0, Numbers.trueFalse(no));
        }
        assertEquals(-1, Numbers.trueFalse("maybe"));
    }

    /** A decimal without places (a route's rtt in seconds) out of range: keepalived's message, not an exception. */
    @Test
    void aDecimalWithoutPlacesOutOfRangeIsReported() {
        assertNull(numbers.readDecimal("99999999999999", 0, 960000, 0, false));
        assertEquals("k.conf:3: warning: number '99999999999999' outside range [0., 960000.]", diagnostics.all().getFirst().toString());
    }

    /** The short cut for plain digits against the general reading it skips: same value, same messages. */
    @Test
    void plainDigitsReadAsTheGeneralWayReadsThem() {
        java.util.Random random = new java.util.Random(17);
        String[] texts = {"", "0", "00", "1", "6", "255", "256", "4294967295", "4294967296", "999999999999", "9999999999999",
            "99999999999999999", "999999999999999999", "9999999999999999999", "18446744073709551616", "-1", " 5", "5 ", "1.5",
            "1.", ".5", "5x", "x", "+5", "0x10", "007"};
        long[] bounds = {0, 1, 5, 255, 65535, Numbers.UINT_MAX, Numbers.TIMER_HZ, 255 * Numbers.TIMER_HZ, Long.MAX_VALUE, -1L};
        for (int round = 0; round < 20_000; round++) {
            String text = random.nextBoolean() ? texts[random.nextInt(texts.length)] : randomDigits(random);
            long min = bounds[random.nextInt(bounds.length)];
            long max = bounds[random.nextInt(bounds.length)];
            int digits = random.nextInt(8);
            boolean lenient = random.nextBoolean();
            Diagnostics expected = new Diagnostics();
            Diagnostics actual = new Diagnostics();
            String what = "'" + text + "' [" + min + ", " + max + "] digits " + digits + " lenient " + lenient;
            assertEquals(new Numbers(expected).readDecimalInGeneral(text, min, max, digits, lenient),
                    new Numbers(actual).readDecimal(text, min, max, digits, lenient), "readDecimal " + what);
            assertEquals(new Numbers(expected).unsignedInGeneral(text, min, max, lenient, Numbers.UINT_MAX, "unsigned integer range"),
                    new Numbers(actual).readUnsigned(text, min, max, lenient), "readUnsigned " + what);
            assertEquals(new Numbers(expected).unsignedInGeneral(text, min, max, lenient, Long.MAX_VALUE, "unsigned 64 bit range"),
                    new Numbers(actual).readUnsigned64(text, min, max, lenient), "readUnsigned64 " + what);
            assertEquals(expected.all(), actual.all(), what);
        }
    }

    private static String randomDigits(java.util.Random random) {
        StringBuilder digits = new StringBuilder();
        for (int i = random.nextInt(21); i > 0; i--) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }
}
