package io.lvsj.keepalived.vrrp.process;

/**
 * What {@code /proc} says of a process: its comm name ({@code /proc/PID/comm}, 15 characters at
 * most) and its command line ({@code /proc/PID/cmdline}: the words, each ended by a NUL).
 * Either may be {@code null} when it could not be read (the process went away, or is a zombie).
 */
public record RunningProcess(int pid, String comm, byte[] cmdline) {
    public RunningProcess {
        cmdline = cmdline == null ? null : cmdline.clone();
    }

    @Override
    public byte[] cmdline() {
        return cmdline == null ? null : cmdline.clone();
    }

    /** The command line's first word. */
    String program() {
        if (cmdline == null) {
            return null;
        }
        int end = 0;
        while (end < cmdline.length && cmdline[end] != 0) {
            end++;
        }
        return new String(cmdline, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The command line after the first word and its NUL (with the last word's NUL), as keepalived compares it. */
    byte[] parameters() {
        if (cmdline == null) {
            return new byte[0];
        }
        int end = 0;
        while (end < cmdline.length && cmdline[end] != 0) {
            end++;
        }
        return end + 1 >= cmdline.length ? new byte[0] : java.util.Arrays.copyOfRange(cmdline, end + 1, cmdline.length);
    }
}
