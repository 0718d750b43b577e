package io.lvsj.text;

import io.lvsj.text.InetText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our IPv6 text must equal inet_ntop's: ipvsadm and iproute2 print that. */
class InetTextNtopTest {
    @ParameterizedTest
    @CsvSource({
            "2001:db8::1, 2001:db8::1",
            "2001:0db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "ff02::1:8848, ff02::1:8848",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fe80::a00:27ff:fe4e:66a1, fe80::a00:27ff:fe4e:66a1",
    })
    void compressesLikeInetNtop(String input, String expected) throws Exception {
        assertEquals(expected, InetText.ntop6(InetAddress.getByName(input).getAddress()));
    }

    @ParameterizedTest
    @CsvSource({"::ffff:10.0.0.1, ::ffff:10.0.0.1"})
    void writesMappedIpv4Dotted(String input, String expected) throws Exception {
        byte[] raw = new byte[16];
        raw[10] = (byte) 0xff;
        raw[11] = (byte) 0xff;
        raw[12] = 10;
        raw[15] = 1;
        assertEquals(expected, InetText.ntop6(raw));
    }
}
