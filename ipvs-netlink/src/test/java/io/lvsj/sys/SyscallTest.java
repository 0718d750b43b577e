package io.lvsj.sys;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system call numbers against the kernel's own headers (Debian's linux-libc-dev): x86_64's
 * table, and the generic table that aarch64 uses, which this x86_64 machine cannot run.
 */
class SyscallTest {
    private static final Pattern DEFINE = Pattern.compile("^#define __NR(?:3264)?_(\\w+)\\s+(\\d+)\\s*$",
            Pattern.MULTILINE);

    @Test
    void x86_64NumbersAreTheKernels() throws IOException {
        Map<String, Integer> kernel = numbers(Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"));
        for (Syscall call : Syscall.values()) {
            assertEquals(kernel.get(call.kernelName()), call.x86_64, call.kernelName());
        }
    }

    @Test
    void aarch64NumbersAreTheGenericTables() throws IOException {
        Map<String, Integer> kernel = numbers(Path.of("/usr/include/asm-generic/unistd.h"));
        for (Syscall call : Syscall.values()) {
            assertEquals(kernel.get(call.kernelName()), call.aarch64, call.kernelName());
        }
    }

    @Test
    void onlyX86_64AndAarch64AreKnown() {
        assertTrue(Syscall.isX86_64("amd64"));
        assertFalse(Syscall.isX86_64("aarch64"));
        assertEquals("LVS-J makes its system calls on x86_64 and aarch64 only; this JVM runs on riscv64",
                assertThrows(UnsupportedOperationException.class, () -> Syscall.isX86_64("riscv64")).getMessage());
    }

    private static Map<String, Integer> numbers(Path header) throws IOException {
        assertTrue(Files.isRegularFile(header), header + " is missing: apt-get install linux-libc-dev");
        Map<String, Integer> numbers = new HashMap<>();
        Matcher m = DEFINE.matcher(Files.readString(header));
        while (m.find()) {
            numbers.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return numbers;
    }
}
