package io.lvsj.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A generated input: which seed, which mutations, which splice donor. The bytes are computed
 * from these, so a failure can be minimized by dropping mutations and still be reproduced.
 */
public record FuzzInput(int seedIndex, byte[] seed, List<Mutation> mutations, byte[] donor) {

    public byte[] bytes() {
        byte[] b = seed.clone();
        for (Mutation m : mutations) {
            b = m.apply(b, donor);
        }
        return b;
    }

    /** For a failure report: the mutations and the bytes, as text when they are mostly text. */
    public String describe() {
        byte[] b = bytes();
        int printable = 0;
        for (byte x : b) {
            if (x >= 0x20 && x < 0x7f || x == '\n' || x == '\t') {
                printable++;
            }
        }
        String shown = b.length > 0 && printable * 10 >= b.length * 9
                ? "text:\n" + new String(b, StandardCharsets.ISO_8859_1)
                : "hex: " + HexFormat.of().formatHex(b);
        return "seed #" + seedIndex + " with " + mutations + "\n" + shown;
    }
}
