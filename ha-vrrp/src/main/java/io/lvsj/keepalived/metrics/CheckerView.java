package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.lvs.CheckerRef;
import io.lvsj.keepalived.lvs.DesiredTable;
import io.lvsj.keepalived.lvs.Names;
import io.lvsj.keepalived.lvs.PoolState;
import io.lvsj.keepalived.lvs.RealServerHealth;
import io.lvsj.keepalived.lvs.RealServerSpec;
import io.lvsj.keepalived.lvs.VirtualServerHealth;
import io.lvsj.keepalived.lvs.VirtualServerSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the metrics show of the checkers' pool, copied on the checkers' event thread (the only
 * one that may read the pool) into values any thread may read. Servers are named as keepalived
 * names them in its log ({@code [192.0.2.10]:tcp:80}); a checker by its keyword, numbered when
 * a real server has more than one of a kind ({@code TCP_CHECK 2}).
 */
record CheckerView(List<VirtualServer> virtualServers) {

    record VirtualServer(String name, boolean quorumUp, List<RealServer> realServers) {
    }

    /** {@code weight}: its weight in IPVS as the checkers want it, 0 when it is out of the table. */
    record RealServer(String name, boolean alive, int weight, List<Check> checks) {
    }

    record Check(CheckerRef ref, String name, boolean up) {
    }

    static final CheckerView NONE = new CheckerView(List.of());

    /** Call on the checkers' event thread. */
    static CheckerView of(PoolState pool) {
        Map<io.lvsj.keepalived.lvs.VirtualServerId, VirtualServerHealth> health = pool.health();
        List<VirtualServer> out = new ArrayList<>();
        for (VirtualServerSpec vs : pool.config()) {
            VirtualServerHealth h = health.get(vs.id());
            if (h == null) {
                continue;
            }
            List<RealServer> servers = new ArrayList<>();
            for (RealServerSpec rs : vs.realServers()) {
                RealServerHealth rh = h.realServers().get(rs.key());
                if (rh == null) {
                    continue;
                }
                servers.add(new RealServer(Names.realServer(vs, rs), rh.alive(),
                        DesiredTable.weight(vs, rs, rh, h.quorumUp()).orElse(0), checks(pool, vs, rs)));
            }
            out.add(new VirtualServer(vs.name(), h.quorumUp(), List.copyOf(servers)));
        }
        return new CheckerView(List.copyOf(out));
    }

    private static List<Check> checks(PoolState pool, VirtualServerSpec vs, RealServerSpec rs) {
        Map<String, Integer> kinds = new HashMap<>();
        rs.checks().forEach(c -> kinds.merge(c.keyword(), 1, Integer::sum));
        Map<String, Integer> seenKind = new HashMap<>();
        Map<CheckSpec, Integer> seenEqual = new HashMap<>();
        List<Check> out = new ArrayList<>();
        for (CheckSpec spec : rs.checks()) {
            int nth = seenKind.merge(spec.keyword(), 1, Integer::sum);
            int ordinal = seenEqual.merge(spec, 1, Integer::sum) - 1;
            CheckerRef ref = new CheckerRef(vs.id(), rs.key(), spec, ordinal);
            String name = kinds.get(spec.keyword()) > 1 ? spec.keyword() + " " + nth : spec.keyword();
            boolean up = pool.checkerState(ref).map(CheckerState::up).orElse(false);
            out.add(new Check(ref, name, up));
        }
        return List.copyOf(out);
    }
}
