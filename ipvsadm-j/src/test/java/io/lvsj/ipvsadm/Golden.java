package io.lvsj.ipvsadm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sections of a golden file: "### ipvsadm ARGS" line, then the expected output. */
final class Golden {
    private Golden() {
    }

    /** Command line (without "ipvsadm ") to its expected stdout; "[rc=N]" lines are dropped. */
    static Map<String, String> sections(String resource) {
        String text = read(resource);
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (name != null) {
                    out.put(name, body.toString());
                }
                name = line.substring(4);
                body.setLength(0);
            } else if (!line.matches("\\[rc=\\d+]") && name != null) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            out.put(name, body.toString());
        }
        // the split adds one newline too many at the end of the file
        out.replaceAll((k, v) -> v.endsWith("\n\n") ? v.substring(0, v.length() - 1) : v);
        return out;
    }

    static String read(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
