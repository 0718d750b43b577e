package io.lvsj.keepalived.config.parse;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AddressesTest {

    /** inet_pton(AF_INET) as the parser first wrote it (split and streams), the reference for the hand-written one. */
    private static InetAddress reference(String text) throws UnknownHostException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(p);
        }
        return InetAddress.getByAddress(bytes);
    }

    @Test
    void parse4AgreesWithTheReferenceOnRandomText() throws UnknownHostException {
        Random random = new Random(4);
        String alphabet = "0123456789..........a -";
        for (int round = 0; round < 200_000; round++) {
            StringBuilder text = new StringBuilder();
            if (round % 2 == 0) { // mostly-valid shapes
                for (int i = 0; i < 4; i++) {
                    if (i > 0) {
                        text.append('.');
                    }
                    text.append(random.nextInt(random.nextBoolean() ? 300 : 1200));
                }
                if (random.nextInt(8) == 0) {
                    text.insert(random.nextInt(text.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                int length = random.nextInt(18);
                for (int i = 0; i < length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertEquals(reference(text.toString()), Addresses.parse4(text.toString()), text.toString());
        }
    }

    @Test
    void parse4RefusesWhatInetPtonRefuses() {
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1.2.3.04", "256.1.1.1", "1..2.3", "1.2.3.4 ", "0x1.2.3.4", "1.2.3.1000"}) {
            assertNull(Addresses.parse4(bad), bad);
        }
        assertEquals("10.0.255.0", Addresses.parse4("10.0.255.0").getHostAddress());
    }
}
