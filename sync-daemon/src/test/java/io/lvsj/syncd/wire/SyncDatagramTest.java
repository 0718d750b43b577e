package io.lvsj.syncd.wire;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.lvsj.syncd.wire.Records.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncDatagramTest {

    static List<byte[]> records(SyncConnection... connections) {
        List<byte[]> r = new ArrayList<>();
        for (SyncConnection c : connections) {
            r.add(c.encode());
        }
        return r;
    }

    static Decoded.Accepted accepted(byte[] datagram) {
        return assertInstanceOf(Decoded.Accepted.class, SyncDatagram.decode(datagram));
    }

    static Rejection rejection(byte[] datagram) {
        return assertInstanceOf(Decoded.Rejected.class, SyncDatagram.decode(datagram)).reason();
    }

    @Test
    void everyOptionRoundTrips() {
        SyncConnection c = Records.everyOption();
        byte[] d = SyncDatagram.encode(3, records(c), 1472).getFirst();
        Decoded.Accepted a = accepted(d);
        assertEquals(3, a.syncId());
        assertEquals(c, SyncConnection.decode(a.records().getFirst()));
        assertEquals(0, d.length % 4, "records are padded to 4 bytes");
        assertEquals(72 + 26 + 8 + 5, a.records().getFirst().length, "ver_size is the unpadded length");
    }

    @Test
    void ipv4TemplateWithFwmarkRoundTrips() {
        SyncConnection template = SyncConnection.of(0, ConnectionFlags.TEMPLATE | ConnectionFlags.DROUTE, 0,
                ip("203.0.113.100"), 0, ip("0.0.0.7"), 0, ip("198.51.100.11"), 0, 7, 0xfffffffeL);
        SyncConnection back = SyncConnection.decode(accepted(SyncDatagram.encode(0, records(template), 1472).getFirst())
                .records().getFirst());
        assertEquals(template, back);
        assertEquals(0xfffffffeL, back.timeout(), "timeouts and fwmarks are unsigned");
        assertTrue(back.template());
    }

    @Test
    void encodingSplitsAtTheMaximumLengthAndAt255Records() {
        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(Records.tcp(1024 + i, 900).encode());
        }
        List<byte[]> datagrams = SyncDatagram.encode(1, many, 1472);
        assertEquals(15, datagrams.size(), "40 records of 36 bytes fit in 1472 with the header");
        int total = 0;
        for (byte[] d : datagrams) {
            assertTrue(d.length <= 1472);
            total += accepted(d).records().size();
        }
        assertEquals(600, total);
        List<byte[]> big = SyncDatagram.encode(1, many, 65535);
        assertEquals(3, big.size(), "at most 255 records in one datagram");
        assertEquals(255, accepted(big.getFirst()).records().size());
    }

    @Test
    void aRecordLongerThanTheLimitTravelsAlone() {
        List<byte[]> d = SyncDatagram.encode(1, records(Records.everyOption(), Records.tcp(1, 1)), 64);
        assertEquals(2, d.size());
    }

    @Test
    void headerFaultsRejectTheDatagram() {
        byte[] good = SyncDatagram.encode(5, records(Records.tcp(1000, 60)), 1472).getFirst();
        assertEquals(Rejection.TOO_SHORT, rejection(new byte[7]));
        byte[] d = good.clone();
        d[3]++;
        assertEquals(Rejection.SIZE_MISMATCH, rejection(d));
        d = good.clone();
        d[5] = 0;
        assertEquals(Rejection.NOT_VERSION_1, rejection(d), "version 0");
        d = good.clone();
        d[6] = 1;
        assertEquals(Rejection.NOT_VERSION_1, rejection(d), "spare set");
        d = good.clone();
        d[4] = 0;
        assertEquals(Rejection.NO_CONNECTIONS, rejection(d));
        d = good.clone();
        d[4] = 2;
        assertEquals(Rejection.RECORD_TRUNCATED, rejection(d), "counts more records than there are");
    }

    @Test
    void recordFaultsRejectTheDatagram() {
        byte[] good = SyncDatagram.encode(5, records(Records.tcp(1000, 60)), 1472).getFirst();
        byte[] d = good.clone();
        d[8 + 2] |= 0x10;
        assertEquals(Rejection.RECORD_VERSION, rejection(d));
        d = good.clone();
        d[8] = 2;
        assertEquals(Rejection.ADDRESS_TYPE, rejection(d));
        d = good.clone();
        d[8 + 1] = 1; // ICMP
        assertEquals(Rejection.PROTOCOL, rejection(d));
        d = good.clone();
        d[8 + 6] |= 0x20; // ONE_PACKET
        assertEquals(Rejection.FLAGS, rejection(d));
        d = good.clone();
        d[8] = 1; // claims IPv6 in 36 bytes
        assertEquals(Rejection.RECORD_TOO_SHORT, rejection(d));
        d = good.clone();
        d[8 + 3] = 37;
        assertEquals(Rejection.RECORD_TRUNCATED, rejection(d), "ver_size past the datagram");
        d = good.clone();
        d[8 + 3] = 32;
        assertEquals(Rejection.RECORD_TOO_SHORT, rejection(d));
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] good = SyncDatagram.encode(5, records(Records.tcp(1000, 60)), 1472).getFirst();
        byte[] d = new byte[good.length + 4];
        System.arraycopy(good, 0, d, 0, good.length);
        d[3] = (byte) d.length;
        assertEquals(Rejection.TRAILING_BYTES, rejection(d));
    }

    /** A record with {@code options} appended after its 36 fixed bytes. */
    static byte[] withOptions(String optionsHex) {
        byte[] fixed = Records.tcp(1000, 60).encode();
        byte[] options = HexFormat.of().parseHex(optionsHex);
        byte[] r = new byte[fixed.length + options.length];
        System.arraycopy(fixed, 0, r, 0, fixed.length);
        System.arraycopy(options, 0, r, fixed.length, options.length);
        r[3] = (byte) r.length;
        return SyncDatagram.encode(0, List.of(r), 1472).getFirst();
    }

    @Test
    void optionsAreCheckedAsTheKernelChecksThem() {
        assertEquals(Rejection.OPTION_UNKNOWN, rejection(withOptions("0501aa")), "unknown mandatory option");
        Decoded.Accepted skipped = accepted(withOptions("4501aa"));
        assertEquals(Optional.empty(), SyncConnection.decode(skipped.records().getFirst()).peData(),
                "an unknown option with bit 0x40 is skipped");
        assertEquals(Rejection.OPTION_TRUNCATED, rejection(withOptions("0200")), "zero length");
        assertEquals(Rejection.OPTION_TRUNCATED, rejection(withOptions("0205aa")), "past the record");
        assertEquals(Rejection.OPTION_TRUNCATED, rejection(withOptions("02")), "no length byte");
        assertEquals(Rejection.OPTION_INVALID, rejection(withOptions("0102aabb")), "SEQ is 24 bytes");
        assertEquals(Rejection.OPTION_INVALID, rejection(withOptions("0201aa0201bb")), "PE data twice");
        assertEquals(Rejection.OPTION_INVALID,
                rejection(withOptions("0311" + "61".repeat(17))), "a PE name of 17 bytes");
        assertEquals("sip", SyncConnection.decode(accepted(withOptions("0303736970")).records().getFirst())
                .peName().orElseThrow());
    }

    @Test
    void decodedRecordsAreCopiesUnpadded() {
        byte[] d = SyncDatagram.encode(1, records(Records.tcp(1, 2), Records.everyOption()), 1472).getFirst();
        List<byte[]> r = accepted(d).records();
        assertArrayEquals(Records.tcp(1, 2).encode(), r.get(0));
        assertArrayEquals(Records.everyOption().encode(), r.get(1));
    }
}
