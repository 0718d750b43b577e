package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckSpec;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DnsQueryTest {
    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void rootSoaQueryAsKeepalivedSendsIt() {
        // id 0x1234, RD, 1 question; QNAME "." = one empty label; type SOA (6), class IN
        assertEquals("123401000001000000000000" + "00" + "0006" + "0001",
                hex(DnsQuery.encode(0x1234, CheckSpec.DnsType.SOA, ".")));
    }

    @Test
    void namesBecomeLabels() {
        String expected = "abcd01000001000000000000" + "07" + hex("example".getBytes()) + "03" + hex("com".getBytes())
                + "00" + "0001" + "0001";
        assertEquals(expected, hex(DnsQuery.encode(0xabcd, CheckSpec.DnsType.A, "example.com")));
        assertEquals(expected, hex(DnsQuery.encode(0xabcd, CheckSpec.DnsType.A, "example.com.")));
    }

    @Test
    void answersAreMatchedByIdAndResponseBitAndRcode() {
        byte[] m = new byte[12];
        m[0] = 0x12;
        m[1] = 0x34;
        assertEquals(DnsQuery.Reading.IGNORE, DnsQuery.read(0x1234, m, 12), "a query, not a response");
        m[2] = (byte) 0x81;
        assertEquals(DnsQuery.Reading.ANSWERED, DnsQuery.read(0x1234, m, 12));
        assertEquals(DnsQuery.Reading.IGNORE, DnsQuery.read(0x1235, m, 12), "another id");
        assertEquals(DnsQuery.Reading.IGNORE, DnsQuery.read(0x1234, m, 11), "too short");
        m[3] = 0x03; // NXDOMAIN
        assertEquals(DnsQuery.Reading.ERROR, DnsQuery.read(0x1234, m, 12));
        assertEquals(3, DnsQuery.rcode(m));
    }
}
