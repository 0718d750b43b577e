package io.lvsj.ipvs;

/**
 * RFC 5952 text for an IPv6 address ({@code 2001:db8::1}), which is what {@code inet_ntop}
 * prints and so what ipvsadm and iproute2 show. Java's own {@code getHostAddress()} never
 * compresses zeros.
 */
public final class Ipv6Text {
    private Ipv6Text() {
    }

    public static String compress(byte[] address) {
        if (address.length != 16) {
            throw new IllegalArgumentException("IPv6 address needs 16 bytes, got " + address.length);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        if (isIpv4Mapped(words)) {
            return "::ffff:" + dotted(address, 12);
        }
        // The longest run of zero words (at least two) becomes "::"; the first one wins a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(words[i]));
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(int[] words) {
        for (int i = 0; i < 5; i++) {
            if (words[i] != 0) {
                return false;
            }
        }
        return words[5] == 0xffff;
    }

    private static String dotted(byte[] address, int offset) {
        return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "."
                + (address[offset + 2] & 0xff) + "." + (address[offset + 3] & 0xff);
    }
}
