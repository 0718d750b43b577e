package io.lvsj.text;

import java.net.InetAddress;

/**
 * Address text exactly as glibc 2.36 reads and writes it: {@code inet_aton} (which accepts
 * {@code 10.1}, {@code 0x0a000001}, octal parts and trailing blanks), the strict
 * {@code inet_pton} for IPv4 and IPv6, and {@code inet_ntop}. ipvsadm parses and prints every
 * address through these functions, and keepalived prints every address with
 * {@code inet_ntop}, so matching them byte for byte decides what is accepted and what is
 * shown. Java's {@code InetAddress} parses and prints differently.
 *
 * <p>Pure functions; a host test compares them with the C library's own on many inputs.
 */
public final class InetText {
    private static final long MAX_U32 = 0xffffffffL;
    private static final long[] LAST_PART_MAX = {0xffffffffL, 0xffffffL, 0xffffL, 0xffL};

    private InetText() {
    }

    /** {@code inet_aton}: the 4 address bytes, or {@code null} if glibc would refuse the text. */
    public static byte[] aton(String text) {
        byte[] parts = new byte[4];
        int partCount = 0;
        int i = 0;
        long value;
        while (true) {
            if (!isDigit(charAt(text, i))) {
                return null;
            }
            // strtoul(cp, &end, 0): 0x = hex, leading 0 = octal, else decimal
            int radix = 10;
            int start = i;
            if (text.charAt(i) == '0') {
                radix = 8;
                if ((charAt(text, i + 1) == 'x' || charAt(text, i + 1) == 'X') && Character.digit(charAt(text, i + 2), 16) >= 0
                        && charAt(text, i + 2) < 128) {
                    radix = 16;
                    start = i + 2;
                }
            }
            value = 0;
            boolean overflow = false;
            int j = start;
            while (j < text.length() && text.charAt(j) < 128 && Character.digit(text.charAt(j), radix) >= 0) {
                value = value * radix + Character.digit(text.charAt(j), radix);
                if (value > MAX_U32) {
                    overflow = true;
                    value = MAX_U32 + 1;
                }
                j++;
            }
            if (overflow) {
                return null;
            }
            i = j;
            if (charAt(text, i) == '.') {
                if (partCount > 2 || value > 0xff) {
                    return null;
                }
                parts[partCount++] = (byte) value;
                i++;
            } else {
                break;
            }
        }
        char c = charAt(text, i);
        if (c != 0 && !isSpace(c)) {
            return null;
        }
        if (value > LAST_PART_MAX[partCount]) {
            return null;
        }
        for (int b = 0; b < 4; b++) {
            parts[b] |= (byte) (value >>> (24 - 8 * b));
        }
        return parts;
    }

    /** Strict dotted quad ({@code inet_pton(AF_INET)}), or {@code null}. */
    public static byte[] pton4(String text) {
        return pton4(text, 0, text.length());
    }

    private static byte[] pton4(String text, int from, int end) {
        byte[] out = new byte[4];
        int octets = 0;
        int current = 0;
        boolean sawDigit = false;
        for (int i = from; i < end; i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                int next = current * 10 + (ch - '0');
                if (sawDigit && current == 0) {
                    return null;
                }
                if (next > 255) {
                    return null;
                }
                current = next;
                if (!sawDigit) {
                    if (++octets > 4) {
                        return null;
                    }
                    sawDigit = true;
                }
                out[octets - 1] = (byte) current;
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return null;
                }
                current = 0;
                sawDigit = false;
            } else {
                return null;
            }
        }
        return octets < 4 ? null : out;
    }

    /** {@code inet_pton(AF_INET6)}: 16 bytes, or {@code null}. */
    public static byte[] pton6(String text) {
        byte[] out = new byte[16];
        int end = text.length();
        int src = 0;
        int tp = 0;
        int colon = -1;
        if (src == end) {
            return null;
        }
        if (text.charAt(src) == ':') {
            src++;
            if (src == end || text.charAt(src) != ':') {
                return null;
            }
        }
        int currentToken = src;
        int digitsSeen = 0;
        int value = 0;
        while (src < end) {
            char ch = text.charAt(src++);
            int digit = ch < 128 ? Character.digit(ch, 16) : -1;
            if (digit >= 0) {
                if (digitsSeen == 4) {
                    return null;
                }
                value = (value << 4) | digit;
                digitsSeen++;
                continue;
            }
            if (ch == ':') {
                currentToken = src;
                if (digitsSeen == 0) {
                    if (colon >= 0) {
                        return null;
                    }
                    colon = tp;
                    continue;
                } else if (src == end) {
                    return null;
                }
                if (tp + 2 > 16) {
                    return null;
                }
                out[tp++] = (byte) (value >> 8);
                out[tp++] = (byte) value;
                digitsSeen = 0;
                value = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16) {
                byte[] v4 = pton4(text, currentToken, end);
                if (v4 != null) {
                    System.arraycopy(v4, 0, out, tp, 4);
                    tp += 4;
                    digitsSeen = 0;
                    break;
                }
            }
            return null;
        }
        if (digitsSeen > 0) {
            if (tp + 2 > 16) {
                return null;
            }
            out[tp++] = (byte) (value >> 8);
            out[tp++] = (byte) value;
        }
        if (colon >= 0) {
            if (tp == 16) {
                return null; // "::" would stand for no zeros at all
            }
            int n = tp - colon;
            System.arraycopy(out, colon, out, 16 - n, n);
            java.util.Arrays.fill(out, colon, 16 - n, (byte) 0);
            tp = 16;
        }
        return tp == 16 ? out : null;
    }

    /** {@code inet_ntop(AF_INET)} of the 4 bytes at {@code offset}. */
    public static String ntop4(byte[] address, int offset) {
        return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "."
                + (address[offset + 2] & 0xff) + "." + (address[offset + 3] & 0xff);
    }

    /**
     * {@code inet_ntop(AF_INET6)}: the longest run of two or more zero words (the first on a
     * tie) becomes {@code ::}, and an address whose first six words are zero, or five zeros and
     * {@code ffff}, ends in dotted IPv4 ({@code ::1.2.3.4}, {@code ::ffff:1.2.3.4}).
     */
    public static String ntop6(byte[] address) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLength = 0;
        int currentBase = -1;
        int currentLength = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (currentBase == -1) {
                    currentBase = i;
                    currentLength = 1;
                } else {
                    currentLength++;
                }
            } else if (currentBase != -1) {
                if (bestBase == -1 || currentLength > bestLength) {
                    bestBase = currentBase;
                    bestLength = currentLength;
                }
                currentBase = -1;
            }
        }
        if (currentBase != -1 && (bestBase == -1 || currentLength > bestLength)) {
            bestBase = currentBase;
            bestLength = currentLength;
        }
        if (bestBase != -1 && bestLength < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder(46);
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLength) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff))) {
                text.append(ntop4(address, 12));
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLength == 8) {
            text.append(':');
        }
        return text.toString();
    }

    /** The text of an address as {@code inet_ntop} writes it (Java's own never compresses IPv6 zeros). */
    public static String ntop(InetAddress address) {
        return ntop(address.getAddress());
    }

    /** The text of a 4- or 16-byte address. */
    public static String ntop(byte[] address) {
        return address.length == 4 ? ntop4(address, 0) : ntop6(address);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's {@code isspace} in the "C" locale. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /** The character at {@code i}, or NUL past the end, as C sees a string. */
    static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }
}
