package io.lvsj.keepalived.config.parse;

import io.lvsj.text.CNumber;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Names of routing tables, protocols, scopes, realms, groups and DS fields: numbers, or names
 * from {@code /etc/iproute2} with keepalived's built-in defaults ({@code lib/rttables.c}).
 */
final class RtTables {
    static final Map<String, Integer> ROUTE_TYPES = new LinkedHashMap<>();

    static {
        String[] names = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole",
                "unreachable", "prohibit", "throw", "nat", "xresolve"};
        for (int i = 0; i < names.length; i++) {
            ROUTE_TYPES.put(names[i], i);
        }
        ROUTE_TYPES.put("brd", 3);
        ROUTE_TYPES.remove("unspec");
    }

    private static final Map<String, Long> TABLES = Map.of("default", 253L, "main", 254L, "local", 255L);
    private static final Map<String, Long> PROTOCOLS = Map.ofEntries(Map.entry("none", 0L), Map.entry("redirect", 1L),
            Map.entry("kernel", 2L), Map.entry("boot", 3L), Map.entry("static", 4L), Map.entry("gated", 8L),
            Map.entry("ra", 9L), Map.entry("mrt", 10L), Map.entry("zebra", 11L), Map.entry("bird", 12L),
            Map.entry("dnrouted", 13L), Map.entry("xorp", 14L), Map.entry("ntk", 15L), Map.entry("dhcp", 16L),
            Map.entry("babel", 42L));
    private static final Map<String, Long> SCOPES = Map.of("global", 0L, "site", 200L, "link", 253L, "host", 254L,
            "nowhere", 255L);

    private final Function<String, List<String>> iprouteFile;
    private final Map<String, Map<String, Long>> files = new LinkedHashMap<>();

    /** @param iprouteFile the lines of an {@code /etc/iproute2} file, by name */
    RtTables(Function<String, List<String>> iprouteFile) {
        this.iprouteFile = iprouteFile;
    }

    Long table(String name) {
        return find(name, "rt_tables", TABLES, 0xFFFF_FFFFL);
    }

    Long protocol(String name) {
        return find(name, "rt_protos", PROTOCOLS, 255);
    }

    Long scope(String name) {
        return find(name, "rt_scopes", SCOPES, 255);
    }

    Long dsfield(String name) {
        return find(name, "rt_dsfield", Map.of(), 255);
    }

    Long realm(String name) {
        return find(name, "rt_realms", Map.of(), 255);
    }

    Long group(String name) {
        return find(name, "group", Map.of(), Integer.MAX_VALUE);
    }

    /** {@code REALM} or {@code FROM/TO}: two realms in one number. */
    Long realms(String text) {
        int slash = text.indexOf('/');
        Long first = realm(slash < 0 ? text : text.substring(0, slash));
        if (first == null) {
            return null;
        }
        if (slash < 0) {
            return first;
        }
        Long second = realm(text.substring(slash + 1));
        return second == null ? null : (first << 16) | second;
    }

    /** A route type name or number. */
    static Integer routeType(String name) {
        Integer id = ROUTE_TYPES.get(name);
        if (id != null) {
            return id;
        }
        if (name.startsWith("-")) {
            return null;
        }
        CNumber n = new CNumber(name);
        long v = n.strtol();
        return !n.atEnd() || n.noDigits() || v > 255 ? null : (int) v;
    }

    /** The name for a scope number, or the number. */
    String scopeName(int id) {
        return nameOf(id, "rt_scopes", SCOPES);
    }

    String tableName(long id) {
        return nameOf(id, "rt_tables", TABLES);
    }

    String protocolName(int id) {
        return nameOf(id, "rt_protos", PROTOCOLS);
    }

    private String nameOf(long id, String file, Map<String, Long> defaults) {
        for (var e : entries(file, defaults).entrySet()) {
            if (e.getValue() == id) {
                return e.getKey();
            }
        }
        return Long.toString(id);
    }

    private Long find(String name, String file, Map<String, Long> defaults, long max) {
        CNumber n = new CNumber(name);
        long v = n.strtol();
        if (!n.noDigits() && n.atEnd()) {
            long unsigned = name.strip().startsWith("-") ? (v & 0xFFFF_FFFFL) : v;
            return unsigned <= max ? unsigned : null;
        }
        return entries(file, defaults).get(name);
    }

    private Map<String, Long> entries(String file, Map<String, Long> defaults) {
        return files.computeIfAbsent(file, f -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String line : iprouteFile.apply(f)) {
                int hash = line.indexOf('#');
                String[] words = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (words.length != 2) {
                    continue;
                }
                CNumber n = new CNumber(words[0]);
                long id = n.strtol();
                if (n.noDigits() || !n.atEnd() || words[0].startsWith("-")) {
                    continue;
                }
                m.putIfAbsent(words[1], id);
            }
            defaults.forEach((name, id) -> {
                if (!m.containsValue(id)) {
                    m.put(name, id);
                }
            });
            return m;
        });
    }

}
