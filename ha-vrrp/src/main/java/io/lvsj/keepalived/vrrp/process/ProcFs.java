package io.lvsj.keepalived.vrrp.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Processes as {@code /proc} shows them, read as keepalived reads them: the comm name from
 * {@code stat} (a zombie is no process) or {@code comm}, the command line from {@code cmdline}
 * only when some tracked process needs it (reading it may swap the process in).
 */
public final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /** Every process running now. */
    public static List<RunningProcess> running(boolean commandLines) {
        List<RunningProcess> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                int pid = Integer.parseInt(dir.getFileName().toString());
                String comm = statComm(dir);
                if (comm == null) {
                    continue; // gone, or a zombie
                }
                all.add(new RunningProcess(pid, comm, commandLines ? cmdline(dir) : null));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list /proc", e);
        }
        return all;
    }

    /** One process now, or one with neither name nor command line when it is gone. */
    public static RunningProcess process(int pid, boolean commandLines) {
        Path dir = PROC.resolve(Integer.toString(pid));
        String comm;
        try {
            comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            comm = null;
        }
        return new RunningProcess(pid, comm, commandLines ? cmdline(dir) : null);
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.charAt(0) > '0' && name.charAt(0) <= '9' && name.chars().allMatch(Character::isDigit);
    }

    /** The comm field of {@code stat} (between the first '(' and the last ')'), or {@code null} for a zombie. */
    private static String statComm(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                return null;
            }
            return stat.substring(open + 1, close);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] cmdline(Path dir) {
        try {
            return Files.readAllBytes(dir.resolve("cmdline"));
        } catch (IOException e) {
            return null;
        }
    }
}
