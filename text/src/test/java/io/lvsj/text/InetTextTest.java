package io.lvsj.text;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * InetText against the C library itself (called through FFM), the oracle ipvsadm uses, on
 * hand-picked edge cases and a few thousand generated strings.
 */
class InetTextTest {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle INET_ATON = handle("inet_aton", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle INET_PTON = handle("inet_pton",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle INET_NTOP = handle("inet_ntop",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    static final List<String> EDGE_CASES = List.of(
            "", "1", "1.2", "1.2.3", "1.2.3.4", "1.2.3.4.", "1.2.3.4.5", "255.255.255.255", "256.1.1.1",
            "0x7f.1", "0x7f000001", "0X7F000001", "017.0.0.1", "08.0.0.1", "0x", "0x.1.2.3", "1.2.3.4 junk",
            "1.2.3.4\tx", "1.2.3.4x", " 1.2.3.4", "4294967295", "4294967296", "1.16777215", "1.16777216",
            "1.2.65535", "1.2.65536", "00000000000000000001.2.3.4", "1..2.3", ".1.2.3", "+1.2.3.4", "-1.2.3.4",
            "01.02.03.04", "1.2.3.04", "999", "0", "0.0.0.0", "::", "::1", "1::", "::ffff:1.2.3.4", "::1.2.3.4",
            "2001:db8::1", "2001:DB8::A", "2001:db8:0:0:0:0:0:1", "2001:db8::1:80", "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "1::2::3", ":1::", "1:", ":::",
            "12345::", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::ffff:256.1.1.1", "::ffff:01.2.3.4", "1.2.3.4::",
            "fe80::1%eth0", "::a.b.c.d", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "::0.0.0.0",
            "[::1]", "2001:db8::a0a0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:0:0:0:0:0:0");

    @Test
    void atonAgreesWithGlibc() {
        for (String s : corpus()) {
            assertArrayEquals(glibcAton(s), InetText.aton(s), () -> "inet_aton(\"" + s + "\")");
        }
    }

    @Test
    void ptonAgreesWithGlibc() {
        for (String s : corpus()) {
            assertArrayEquals(glibcPton(2, s, 4), InetText.pton4(s), () -> "inet_pton(AF_INET, \"" + s + "\")");
            assertArrayEquals(glibcPton(10, s, 16), InetText.pton6(s), () -> "inet_pton(AF_INET6, \"" + s + "\")");
        }
    }

    @Test
    void ntop6AgreesWithGlibc() {
        Random random = new Random(6);
        List<byte[]> addresses = new ArrayList<>();
        for (String s : EDGE_CASES) {
            byte[] a = InetText.pton6(s);
            if (a != null) {
                addresses.add(a);
            }
        }
        for (int i = 0; i < 5000; i++) {
            byte[] a = new byte[16];
            for (int w = 0; w < 8; w++) {
                // mostly zero words, so that runs of zeros of every length and place occur
                int word = random.nextInt(3) == 0 ? random.nextInt(1 << 16) : random.nextInt(4) == 0 ? 0xffff : 0;
                a[2 * w] = (byte) (word >> 8);
                a[2 * w + 1] = (byte) word;
            }
            addresses.add(a);
        }
        for (byte[] a : addresses) {
            assertEquals(glibcNtop(a), InetText.ntop6(a), () -> Arrays.toString(a));
        }
    }

    @Test
    void acceptsWhatIpvsadmUsersWrite() {
        assertArrayEquals(new byte[]{10, 0, 0, 1}, InetText.aton("10.1"));
        assertArrayEquals(new byte[]{10, 0, 0, 1}, InetText.aton("10.0.0.1"));
        assertArrayEquals(new byte[]{10, 0, 0, 1}, InetText.aton("167772161"));
        assertNull(InetText.pton4("10.1"));
        assertEquals("2001:db8::1", InetText.ntop6(InetText.pton6("2001:0db8:0000:0000:0000:0000:0000:0001")));
        assertEquals("::0.1.0.0", InetText.ntop6(InetText.pton6("::1:0")));
    }

    private static List<String> corpus() {
        List<String> out = new ArrayList<>(EDGE_CASES);
        Random random = new Random(4);
        String alphabet = "0123456789abcdefABCDEFxX.: \t-+g";
        for (int i = 0; i < 4000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(20);
            for (int j = 0; j < n; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(s.toString());
        }
        for (int i = 0; i < 2000; i++) {
            // mostly well-formed dotted and colon forms, to reach the deeper branches
            out.add(random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(70000)
                    + (random.nextBoolean() ? "." + random.nextInt(300) : ""));
            StringBuilder v6 = new StringBuilder();
            int groups = random.nextInt(9);
            for (int g = 0; g < groups; g++) {
                v6.append(g == 0 ? "" : random.nextInt(6) == 0 ? "::" : ":").append(Integer.toHexString(random.nextInt(0x1ffff)));
            }
            out.add(v6.toString());
        }
        return out;
    }

    private static byte[] glibcAton(String s) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(4);
            int ok = (int) INET_ATON.invokeExact(cString(arena, s), out);
            return ok == 0 ? null : out.toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static byte[] glibcPton(int family, String s, int length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(16);
            int ok = (int) INET_PTON.invokeExact(family, cString(arena, s), out);
            return ok <= 0 ? null : out.asSlice(0, length).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static String glibcNtop(byte[] address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(16);
            MemorySegment.copy(address, 0, in, JAVA_BYTE, 0, 16);
            MemorySegment out = arena.allocate(64);
            MemorySegment written = (MemorySegment) INET_NTOP.invokeExact(10, in, out, 64);
            assertEquals(out.address(), written.address());
            return out.getString(0, StandardCharsets.ISO_8859_1);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    private static MemorySegment cString(Arena arena, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment segment = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        return segment;
    }
}
