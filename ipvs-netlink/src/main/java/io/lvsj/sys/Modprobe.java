package io.lvsj.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Loads a kernel module the kernel does not load on demand (fou for a GUE port), with the
 * helper the kernel itself uses for that ({@code /proc/sys/kernel/modprobe}, normally
 * {@code /sbin/modprobe}), so that a host where modules live elsewhere behaves the same.
 */
public final class Modprobe {
    private static final Path HELPER = Path.of("/proc/sys/kernel/modprobe");

    private Modprobe() {
    }

    /** Runs {@code modprobe -q -- NAME}; returns whether it succeeded (a kernel without modules: no). */
    public static boolean load(String module) {
        try {
            String helper = Files.isReadable(HELPER) ? Files.readString(HELPER).strip() : "";
            if (helper.isEmpty()) {
                helper = "/sbin/modprobe";
            }
            Process p = new ProcessBuilder(helper, "-q", "--", module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
