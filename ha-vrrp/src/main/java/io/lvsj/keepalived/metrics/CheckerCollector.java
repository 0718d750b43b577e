package io.lvsj.keepalived.metrics;

import io.lvsj.keepalived.lvs.CheckerRef;
import io.lvsj.metrics.model.Families;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checker families: each virtual server's quorum, each real server's health and weight,
 * each checker's verdict, how long its tries take and how many fail. Labels are keepalived's
 * names ({@code virtual_server}, {@code real_server}) and the checker's ({@code checker}).
 */
final class CheckerCollector {
    private static final String[] VS = {"virtual_server"};
    private static final String[] RS = {"virtual_server", "real_server"};
    private static final String[] CHECK = {"virtual_server", "real_server", "checker"};

    private CheckerCollector() {
    }

    /** The families for {@code view}; tries of checkers no longer in it are forgotten. */
    static List<MetricSnapshot> families(CheckerView view, CheckTries tries) {
        Families.Gauge quorum = Families.gauge("lvsj_virtual_server_quorum_up",
                "1 while the virtual server has its quorum of live real servers.", VS);
        Families.Gauge alive = Families.gauge("lvsj_real_server_up",
                "1 while every checker of the real server says it is up.", RS);
        Families.Gauge weight = Families.gauge("lvsj_real_server_weight",
                "The real server's weight in IPVS as the checkers want it; 0 when it is out of the table.", RS);
        Families.Gauge checkerUp = Families.gauge("lvsj_checker_up", "1 while the checker says its real server is up.",
                CHECK);
        Families.Counter failures = Families.counter("lvsj_check_failures", "Tries of the checker that failed.", CHECK);
        HistogramSnapshot.Builder duration = HistogramSnapshot.builder().name("lvsj_check_duration_seconds")
                .help("How long the checker's tries took, from start to verdict (failed ones included).");
        Set<CheckerRef> running = new HashSet<>();
        for (CheckerView.VirtualServer vs : view.virtualServers()) {
            quorum.add(vs.quorumUp() ? 1 : 0, vs.name());
            for (CheckerView.RealServer rs : vs.realServers()) {
                alive.add(rs.alive() ? 1 : 0, vs.name(), rs.name());
                weight.add(rs.weight(), vs.name(), rs.name());
                for (CheckerView.Check c : rs.checks()) {
                    running.add(c.ref());
                    checkerUp.add(c.up() ? 1 : 0, vs.name(), rs.name(), c.name());
                    CheckTries.Tries t = tries.of(c.ref());
                    failures.add(t.failures(), vs.name(), rs.name(), c.name());
                    duration.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                            .labels(Labels.of(CHECK, new String[]{vs.name(), rs.name(), c.name()}))
                            .classicHistogramBuckets(ClassicHistogramBuckets.of(CheckTries.BOUNDS, t.counts()))
                            .sum(t.seconds()).build());
                }
            }
        }
        tries.retainOnly(running);
        return List.of(quorum.snapshot(), alive.snapshot(), weight.snapshot(), checkerUp.snapshot(),
                failures.snapshot(), duration.build());
    }
}
