package io.lvsj.syncd.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The network namespace's count of UDP datagrams dropped because a socket's receive buffer was
 * full ({@code RcvbufErrors} in {@code /proc/net/snmp}): how lvs-syncd learns that the backup
 * daemon could not keep up with what it injected, so it sends that part again.
 */
public final class UdpErrors {
    private UdpErrors() {
    }

    /** Reads the live counter (-1 when it cannot). */
    public static LongSupplier system() {
        Path snmp = Path.of("/proc/net/snmp");
        return () -> {
            try {
                return receiveBufferErrors(Files.readString(snmp));
            } catch (IOException e) {
                return -1;
            }
        };
    }

    /** {@code RcvbufErrors} from the text of {@code /proc/net/snmp}, or -1. Pure. */
    static long receiveBufferErrors(String snmp) {
        String[] names = null;
        for (String line : snmp.split("\n")) {
            if (!line.startsWith("Udp: ")) {
                continue;
            }
            String[] words = line.substring(5).trim().split("\\s+");
            if (names == null) {
                names = words;
            } else {
                for (int i = 0; i < names.length && i < words.length; i++) {
                    if (names[i].equals("RcvbufErrors")) {
                        try {
                            return Long.parseLong(words[i]);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
                return -1;
            }
        }
        return -1;
    }
}
