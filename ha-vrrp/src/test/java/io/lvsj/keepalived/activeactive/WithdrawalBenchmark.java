package io.lvsj.keepalived.activeactive;

import io.lvsj.log.LogOutput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Benchmark (not a test; {@code bench/active-active}): how long the router keeps sending to a
 * director that should no longer get traffic, on the host in network namespaces with the
 * document's BIRD and FRR configurations ({@link HostDirectors}). Per round: a service failure
 * on each director (quorum lost, VIP unbound, route withdrawn), then both directors hung, with
 * BFD; and, in rounds of their own, hung with BGP's hold timer alone. Prints a Markdown table
 * of medians and ranges for docs/BENCHMARKS.md.
 */
public final class WithdrawalBenchmark {
    private WithdrawalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int holdRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<HostDirectors.QuorumTimes> bird = new ArrayList<>();
        List<HostDirectors.QuorumTimes> frr = new ArrayList<>();
        List<HostDirectors.HangTimes> bfd = new ArrayList<>();
        List<HostDirectors.HangTimes> hold = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            try (HostDirectors d = new HostDirectors(DocBlocks.named("bird-router.conf"), LogOutput.silent(false))) {
                d.awaitBoth(Duration.ofSeconds(60));
                bird.add(d.loseAndRegainQuorum(1));
                frr.add(d.loseAndRegainQuorum(2));
                bfd.add(d.hangBoth(Duration.ofSeconds(10)));
            }
            System.out.printf("round %d: BIRD %s, FRR %s, BFD %s%n", i + 1, bird.getLast(), frr.getLast(), bfd.getLast());
        }
        for (int i = 0; i < holdRounds; i++) {
            try (HostDirectors d = new HostDirectors(ActiveActiveRoutingTest.routerWithoutBfd(), LogOutput.silent(false))) {
                d.awaitBoth(Duration.ofSeconds(60));
                hold.add(d.hangBoth(Duration.ofSeconds(20)));
            }
            System.out.printf("hold-timer round %d: %s%n", i + 1, hold.getLast());
        }
        System.out.println();
        System.out.println("| from | to | BIRD director | FRR director |");
        System.out.println("|---|---|---|---|");
        System.out.println("| the VIP leaves `vip0` (quorum lost) | the router's route without the director | "
                + summary(bird, HostDirectors.QuorumTimes::withdrawnAfterUnbound) + " | "
                + summary(frr, HostDirectors.QuorumTimes::withdrawnAfterUnbound) + " |");
        System.out.println("| the service dies (TCP_CHECK every 200 ms, connect timeout 300 ms, retry 0) | the VIP leaves"
                + " `vip0` | " + summary(bird, HostDirectors.QuorumTimes::unboundAfterFailure) + " | "
                + summary(frr, HostDirectors.QuorumTimes::unboundAfterFailure) + " |");
        System.out.println("| the VIP is back on `vip0` | the router's route with the director | "
                + summary(bird, HostDirectors.QuorumTimes::announcedAfterBound) + " | "
                + summary(frr, HostDirectors.QuorumTimes::announcedAfterBound) + " |");
        System.out.println();
        System.out.println("| both directors hang (routing daemons SIGSTOPped) | first next hop gone | both gone |");
        System.out.println("|---|---|---|");
        System.out.println("| BFD 100 ms x 3 (the document's) | " + summary(bfd, HostDirectors.HangTimes::first) + " | "
                + summary(bfd, HostDirectors.HangTimes::both) + " |");
        System.out.println("| BGP hold time 9 s, keepalive 3 s, no BFD | " + summary(hold, HostDirectors.HangTimes::first)
                + " | " + summary(hold, HostDirectors.HangTimes::both) + " |");
        System.out.printf("%nBFD against the hold timer alone (median, both gone): %.0fx faster%n",
                (double) median(hold, HostDirectors.HangTimes::both) / median(bfd, HostDirectors.HangTimes::both));
    }

    static <T> long median(List<T> values, ToLongFunction<T> field) {
        List<Long> sorted = values.stream().map(field::applyAsLong).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static <T> String summary(List<T> values, ToLongFunction<T> field) {
        List<Long> sorted = values.stream().map(field::applyAsLong).sorted().toList();
        return String.format("%.1f ms (%.1f-%.1f)", median(values, field) / 1e6, sorted.getFirst() / 1e6,
                sorted.getLast() / 1e6);
    }
}
