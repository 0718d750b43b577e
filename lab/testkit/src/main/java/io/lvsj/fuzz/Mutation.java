package io.lvsj.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One change to an input, of a kind that breaks decoders and parsers: a flipped bit, an
 * "interesting" byte or length written over a field, truncation, insertion, deletion or
 * duplication of a run of bytes, part of another seed spliced in. Pure: {@link #apply} is a
 * function of its arguments, so a failing input is reproduced from its seed and mutations.
 *
 * @param kind     what it does
 * @param position where, taken modulo the input's length
 * @param value    the value written, or the size of the run
 */
public record Mutation(Kind kind, int position, int value) {

    public enum Kind { FLIP_BIT, SET_BYTE, SET_SHORT, SET_INT, TRUNCATE, INSERT, DELETE, DUPLICATE, SPLICE }

    /** Values on the edges of length and count checks. */
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 15, 16, 20, 0x7f, 0x80, 0xff, 0x100,
            0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, -4, -16};

    /** A random mutation; text-shaped bytes ({@code text}) get printable and structural bytes more often. */
    static Mutation random(SplittableRandom random, byte[] alphabet) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        int value = switch (random.nextInt(3)) {
            case 0 -> INTERESTING[random.nextInt(INTERESTING.length)];
            case 1 -> alphabet.length > 0 ? alphabet[random.nextInt(alphabet.length)] : random.nextInt();
            default -> random.nextInt();
        };
        return new Mutation(kind, random.nextInt(Integer.MAX_VALUE), value);
    }

    /** This mutation applied to {@code b} (which may be changed in place); {@code donor} is the splice source. */
    byte[] apply(byte[] b, byte[] donor) {
        int n = b.length;
        int at = n == 0 ? 0 : position % n;
        return switch (kind) {
            case FLIP_BIT -> {
                if (n > 0) {
                    b[at] ^= (byte) (1 << (value & 7));
                }
                yield b;
            }
            case SET_BYTE -> {
                if (n > 0) {
                    b[at] = (byte) value;
                }
                yield b;
            }
            // Little-endian, as netlink is on x86; a big-endian field just gets another value.
            case SET_SHORT -> put(b, at, 2);
            case SET_INT -> put(b, at, 4);
            case TRUNCATE -> Arrays.copyOf(b, at);
            case INSERT -> {
                int count = 1 + Math.floorMod(value >> 8, 32);
                byte[] out = new byte[n + count];
                System.arraycopy(b, 0, out, 0, at);
                Arrays.fill(out, at, at + count, (byte) value);
                System.arraycopy(b, at, out, at + count, n - at);
                yield out;
            }
            case DELETE -> {
                int count = Math.min(n - at, 1 + Math.floorMod(value, 16));
                byte[] out = new byte[n - count];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + count, out, at, n - at - count);
                yield out;
            }
            case DUPLICATE -> {
                int count = Math.min(n - at, 1 + Math.floorMod(value, 64));
                byte[] out = new byte[n + count];
                System.arraycopy(b, 0, out, 0, at + count);
                System.arraycopy(b, at, out, at + count, n - at);
                yield out;
            }
            case SPLICE -> {
                if (donor.length == 0) {
                    yield b;
                }
                int from = Math.floorMod(value, donor.length);
                int count = Math.min(donor.length - from, 1 + Math.floorMod(value >> 8, 256));
                byte[] out = new byte[n + count];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(donor, from, out, at, count);
                System.arraycopy(b, at, out, at + count, n - at);
                yield out;
            }
        };
    }

    private byte[] put(byte[] b, int at, int width) {
        for (int i = 0; i < width && at + i < b.length; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
        return b;
    }
}
