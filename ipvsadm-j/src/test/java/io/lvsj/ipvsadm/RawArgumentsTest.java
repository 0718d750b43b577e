package io.lvsj.ipvsadm;

import io.lvsj.lab.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ipvsadm echoes arguments byte for byte in its messages; so must ipvsadm-j, under any locale
 * (issue 12: under LC_ALL=C, {@code -L é} printed {@code unexpected argument ??}).
 */
class RawArgumentsTest {

    @Test
    void theArgumentsAreTheLastEntriesOfTheCommandLine() {
        byte[] cmdline = "java\0-cp\0x.jar\0io.lvsj.ipvsadm.Main\0-L\0\u00c3\u00a9\0\0"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("-L", "\u00c3\u00a9", ""),
                RawArguments.fromCommandLine(cmdline, new String[] {"-L", "??", ""}));
    }

    @Test
    void aCommandLineThatCannotHoldTheArgumentsIsNotTrusted() {
        byte[] cmdline = "java\0Main\0-L\0".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(RawArguments.fromCommandLine(cmdline, new String[] {"-L", "-n", "x"}), "too few entries");
        assertNull(RawArguments.fromCommandLine(cmdline, new String[] {"-n"}), "an ASCII argument differs");
    }

    /**
     * A real JVM started the way the launcher starts it, with the bytes of {@code é} (valid
     * UTF-8) and of a lone {@code 0xff} (valid in no locale): the message carries the bytes.
     */
    @Test
    void aJvmEchoesTheBytesItWasGivenUnderEveryLocale() throws Exception {
        for (String locale : List.of("C", "C.UTF-8")) {
            for (String printf : List.of("\\303\\251", "\\377x")) {
                byte[] stderr = runMain(locale, printf);
                byte[] bytes = printf.equals("\\303\\251") ? new byte[] {(byte) 0xc3, (byte) 0xa9}
                        : new byte[] {(byte) 0xff, 'x'};
                byte[] expected = concat("unexpected argument ".getBytes(StandardCharsets.US_ASCII), bytes);
                assertTrue(indexOf(stderr, expected) >= 0, "LC_ALL=" + locale + " printf " + printf + ": "
                        + new String(stderr, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @TempDir
    Path dir;

    private byte[] runMain(String locale, String printfArgument) throws IOException, URISyntaxException {
        String classPath = location(Main.class) + ":" + location(io.lvsj.ipvs.Ipvs.class) + ":"
                + location(io.lvsj.text.InetText.class) + ":" + location(io.lvsj.fullnat.FullNat.class);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path stderr = dir.resolve("stderr");
        Command.Result r = Command.run("sh", "-c", "LC_ALL=$3; unset LANG; export LC_ALL; \"$0\" --enable-native-access=ALL-UNNAMED "
                + "-cp \"$1\" io.lvsj.ipvsadm.Main -L \"$(printf '" + printfArgument + "')\" 2> \"$2\" > /dev/null; echo $?",
                java, classPath, stderr.toString(), locale);
        byte[] err = Files.readAllBytes(stderr);
        assertEquals("2", r.requireSuccess().stdout().strip(), new String(err, StandardCharsets.ISO_8859_1));
        return err;
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void reencodingKeepsPlainArguments() {
        assertArrayEquals(new String[] {"-Ln", ""}, RawArguments.reencoded(new String[] {"-Ln", ""}).toArray());
    }
}
