package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.Octets;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.lib.TrackedFileValue;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UDP payloads and replies, ICMP echo, MISC_CHECK exit codes and FILE_CHECK values. */
class SmallCodecsTest {
    static final Endpoint ENDPOINT = Endpoint.of(InetAddress.getLoopbackAddress(), 53);
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1));

    static CheckSpec.Udp udp(String reply, String mask, int min, int max) {
        return new CheckSpec.Udp(ENDPOINT, TIMING, Octets.EMPTY, true, Octets.ofHex(reply), Octets.ofHex(mask), min, max);
    }

    @Test
    void udpDefaultPayloadIsKeepalivedsFiller() {
        assertEquals("keepalived check - keepalived ch",
                new String(UdpExchange.payload(CheckSpec.Udp.of(ENDPOINT, TIMING)), StandardCharsets.US_ASCII));
    }

    @Test
    void udpReplyPatternWithWildcardNibbles() {
        CheckSpec.Udp spec = udp("abcd", "0f00", 0, 255);
        assertTrue(UdpExchange.replyMatches(spec, new byte[]{(byte) 0xa5, (byte) 0xcd, 9}, 3), "low nibble masked");
        assertFalse(UdpExchange.replyMatches(spec, new byte[]{(byte) 0xb5, (byte) 0xcd}, 2));
        assertTrue(UdpExchange.replyMatches(spec, new byte[]{(byte) 0xab}, 1), "a short reply is compared as far as it goes");
        assertFalse(UdpExchange.replyMatches(udp("ab", "", 2, 4), new byte[]{(byte) 0xab}, 1), "below min length");
        assertFalse(UdpExchange.replyMatches(udp("ab", "", 0, 1), new byte[]{(byte) 0xab, 0}, 2), "above max length");
    }

    @Test
    void icmpEchoRequestAndReply() {
        byte[] request = IcmpEcho.request(false, 0x0102);
        assertEquals(8, request[0]);
        assertEquals(0x01, request[6]);
        assertEquals(0x02, request[7]);
        assertEquals(136, request.length);
        assertEquals(128, IcmpEcho.request(true, 1)[0] & 0xff);
        assertNull(IcmpEcho.replyError(false, new byte[8], 8));
        assertNull(IcmpEcho.replyError(true, new byte[]{(byte) 129, 0, 0, 0, 0, 0, 0, 0}, 8));
        assertEquals("ICMP packet with type 0x3", IcmpEcho.replyError(false, new byte[]{3, 0, 0, 0, 0, 0, 0, 0}, 8));
        assertEquals("short ICMP packet, 4 bytes", IcmpEcho.replyError(false, new byte[8], 4));
    }

    @Test
    void miscExitCodes() {
        assertEquals(Attempt.passed(), MiscExit.ofExit(0, false));
        assertEquals(Attempt.failed("exited with status 1"), MiscExit.ofExit(1, true));
        assertEquals(Attempt.failed("exited with status 7"), MiscExit.ofExit(7, false));
        assertEquals(new Attempt.Passed(OptionalLong.of(5)), MiscExit.ofExit(7, true));
        assertEquals(new Attempt.Passed(OptionalLong.of(0)), MiscExit.ofExit(2, true));
    }

    static OptionalLong parse(String s) {
        return TrackedFileValue.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void trackedFileNumbersParseLikeStrtol() {
        assertEquals(OptionalLong.of(42), parse("42\n"));
        assertEquals(OptionalLong.of(-7), parse("  -7 trailing"));
        assertEquals(OptionalLong.of(255), parse("0xff"));
        assertEquals(OptionalLong.of(8), parse("010"));
        assertEquals(OptionalLong.of(0), parse("none"));
        assertEquals(OptionalLong.of(0), parse(""));
        assertEquals(OptionalLong.of(2147483648L), parse("2147483648"), "INT_MAX + 1 is still accepted");
        assertEquals(OptionalLong.empty(), parse("2147483649"));
        assertEquals(OptionalLong.empty(), parse("99999999999999999999"));
    }

    @Test
    void trackedFileWeights() {
        assertEquals(OptionalLong.of(0), TrackedFileValue.weight(0, 0, false));
        assertEquals(OptionalLong.empty(), TrackedFileValue.weight(3, 0, false), "weight 0: non-zero is down");
        assertEquals(OptionalLong.empty(), TrackedFileValue.weight(0, 0, true), "reverse: zero is down");
        assertEquals(OptionalLong.of(0), TrackedFileValue.weight(5, 0, true));
        assertEquals(OptionalLong.of(10), TrackedFileValue.weight(5, 2, false));
        assertEquals(OptionalLong.of(-10), TrackedFileValue.weight(5, 2, true));
        assertEquals(OptionalLong.empty(), TrackedFileValue.weight(-2147483648L, 1, false), "the lowest int is down");
        assertEquals(OptionalLong.of(Integer.MAX_VALUE), TrackedFileValue.weight(2147483647L, 5, false));
    }
}
