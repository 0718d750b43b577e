package io.lvsj.keepalived.config.dump;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses as {@code inet_ntop} writes them: dotted quads, and IPv6 in RFC 5952 form. */
public final class AddressText {
    private AddressText() {
    }

    public static String format(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        return format(address.getAddress());
    }

    /** 4 or 16 address bytes as {@code inet_ntop} prints them. */
    public static String format(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // longest run of zero groups, at least two long, first one wins
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        boolean v4Mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff;
        StringBuilder s = new StringBuilder();
        int limit = v4Mapped ? 6 : 8;
        for (int i = 0; i < limit; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        if (v4Mapped) {
            if (s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                    .append(b[15] & 0xff);
        }
        return s.toString();
    }
}
