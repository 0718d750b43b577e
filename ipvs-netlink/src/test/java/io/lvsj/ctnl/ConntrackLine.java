package io.lvsj.ctnl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.lvsj.lab.Addresses.ip;

/**
 * A line Debian's {@code conntrack -L} or {@code -E} printed (with {@code -o id}), read into the
 * values the kernel's message must decode to: the oracle's side of the golden tests.
 */
record ConntrackLine(String event, int protocol, long timeout, String tcpState, ConntrackTuple original,
                     ConntrackTuple reply, boolean unreplied, boolean assured, Long mark, long id) {

    static ConntrackLine parse(String line) {
        List<String> words = new ArrayList<>(List.of(line.trim().split("\\s+")));
        String event = words.getFirst().startsWith("[") ? words.removeFirst() : null;
        int protocol = Integer.parseInt(words.get(1));
        long timeout = Long.parseLong(words.get(2));
        int i = 3;
        String state = null;
        if (!words.get(i).contains("=")) {
            state = words.get(i++);
        }
        List<Map<String, String>> tuples = new ArrayList<>();
        boolean unreplied = false;
        boolean assured = false;
        Map<String, String> rest = new HashMap<>();
        for (; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("[UNREPLIED]")) {
                unreplied = true;
            } else if (w.equals("[ASSURED]")) {
                assured = true;
            } else if (w.startsWith("src=")) {
                tuples.add(new HashMap<>());
                tuples.getLast().put("src", w.substring(4));
            } else if (w.contains("=")) {
                String key = w.substring(0, w.indexOf('='));
                Map<String, String> into = List.of("dst", "sport", "dport").contains(key) ? tuples.getLast() : rest;
                into.put(key, w.substring(w.indexOf('=') + 1));
            }
        }
        return new ConntrackLine(event, protocol, timeout, state, tuple(protocol, tuples.get(0)), tuple(protocol, tuples.get(1)),
                unreplied, assured, rest.containsKey("mark") ? Long.parseLong(rest.get("mark")) : null,
                Long.parseLong(rest.get("id")));
    }

    private static ConntrackTuple tuple(int protocol, Map<String, String> t) {
        return new ConntrackTuple(protocol, ip(t.get("src")), Integer.parseInt(t.getOrDefault("sport", "0")),
                ip(t.get("dst")), Integer.parseInt(t.getOrDefault("dport", "0")));
    }
}
