package io.lvsj.keepalived.check;

import io.lvsj.keepalived.check.net.Endpoint;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckerLogicTest {
    static final Duration LOOP = Duration.ofSeconds(6);
    static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    static final CheckTiming TIMING = CheckTiming.every(LOOP).withRetry(2, RETRY_DELAY);
    static final Endpoint ENDPOINT = Endpoint.of(InetAddress.getLoopbackAddress(), 80);
    static final Attempt PASS = Attempt.passed();
    static final Attempt FAIL = Attempt.failed("refused");

    /** Runs tries in order from {@code start}; returns every step. */
    static List<Step> run(CheckerLogic logic, CheckerState start, Attempt... attempts) {
        java.util.ArrayList<Step> steps = new java.util.ArrayList<>();
        CheckerState s = start;
        for (Attempt a : attempts) {
            Step step = logic.next(s, a);
            steps.add(step);
            s = step.state();
        }
        return steps;
    }

    static CheckerLogic tcp(CheckTiming timing) {
        return CheckerLogic.of(new CheckSpec.Tcp(ENDPOINT, timing), 1);
    }

    static CheckerState upAndRun() {
        return new CheckerState(true, true, 0, 0, -1, 0);
    }

    static CheckerState downAndRun() {
        return new CheckerState(false, true, 0, 0, -1, 0);
    }

    @Test
    void oneFailureIsEnoughForTheFirstVerdict() {
        Step step = tcp(TIMING).next(CheckerState.initial(false, TIMING.retry()), FAIL);
        assertEquals(Step.Verdict.DOWN, step.verdict());
        assertFalse(step.state().up());
        assertEquals(LOOP, step.delay());
    }

    @Test
    void aFirstPassConfirmsUp() {
        Step step = tcp(TIMING).next(CheckerState.initial(false, TIMING.retry()), PASS);
        assertEquals(Step.Verdict.UP, step.verdict());
        assertTrue(step.state().hasRun());
        assertEquals(0, step.state().retryIt());
    }

    @Test
    void anUpServerIsRetriedBeforeItIsDown() {
        List<Step> steps = run(tcp(TIMING), upAndRun(), FAIL, FAIL, FAIL);
        assertEquals(List.of(Step.Verdict.NONE, Step.Verdict.NONE, Step.Verdict.DOWN),
                steps.stream().map(Step::verdict).toList());
        assertEquals(List.of(RETRY_DELAY, RETRY_DELAY, LOOP), steps.stream().map(Step::delay).toList());
    }

    @Test
    void aPassBetweenFailuresResetsTheRetries() {
        List<Step> steps = run(tcp(TIMING), upAndRun(), FAIL, PASS, FAIL, FAIL);
        assertTrue(steps.stream().allMatch(s -> s.verdict() == Step.Verdict.NONE));
        assertEquals(2, steps.getLast().state().retryIt());
    }

    @Test
    void onePassBringsADownServerBack() {
        Step step = tcp(TIMING).next(downAndRun(), PASS);
        assertEquals(Step.Verdict.UP, step.verdict());
        assertTrue(step.state().up());
    }

    @Test
    void tcpRetriesEvenWhileDown() {
        List<Step> steps = run(tcp(TIMING), downAndRun(), FAIL, FAIL, FAIL);
        assertEquals(List.of(RETRY_DELAY, RETRY_DELAY, LOOP), steps.stream().map(Step::delay).toList());
        assertTrue(steps.stream().allMatch(s -> s.verdict() == Step.Verdict.NONE));
    }

    @Test
    void udpDoesNotRetryWhileDown() {
        CheckerLogic udp = CheckerLogic.of(CheckSpec.Udp.of(ENDPOINT, TIMING), 1);
        Step step = udp.next(downAndRun(), FAIL);
        assertEquals(LOOP, step.delay());
        assertEquals(Step.Verdict.NONE, step.verdict());
    }

    @Test
    void udpRetriesWhileUp() {
        CheckerLogic udp = CheckerLogic.of(CheckSpec.Udp.of(ENDPOINT, TIMING), 1);
        List<Step> steps = run(udp, upAndRun(), FAIL, FAIL, FAIL);
        assertEquals(List.of(Step.Verdict.NONE, Step.Verdict.NONE, Step.Verdict.DOWN),
                steps.stream().map(Step::verdict).toList());
    }

    @Test
    void dnsRetriesAnUntestedAlphaCheckerOnceThenWaits() {
        // keepalived's dns_final marks the checker as run on its first retry, after which a
        // down checker neither retries nor reports again
        CheckTiming alpha = TIMING.withAlpha(true);
        CheckerLogic dns = CheckerLogic.of(new CheckSpec.Dns(ENDPOINT, alpha, CheckSpec.DnsType.SOA, "."), 1);
        CheckerState start = new CheckerState(false, false, 0, 0, -1, 0);
        List<Step> steps = run(dns, start, FAIL, FAIL, PASS);
        assertEquals(List.of(RETRY_DELAY, LOOP, LOOP), steps.stream().map(Step::delay).toList());
        assertEquals(List.of(Step.Verdict.NONE, Step.Verdict.NONE, Step.Verdict.UP),
                steps.stream().map(Step::verdict).toList());
    }

    @Test
    void dnsRetriesWhileUp() {
        CheckerLogic dns = CheckerLogic.of(new CheckSpec.Dns(ENDPOINT, TIMING, CheckSpec.DnsType.SOA, "."), 1);
        List<Step> steps = run(dns, upAndRun(), FAIL, FAIL, FAIL, FAIL);
        assertEquals(List.of(Step.Verdict.NONE, Step.Verdict.NONE, Step.Verdict.DOWN, Step.Verdict.NONE),
                steps.stream().map(Step::verdict).toList());
        assertEquals(LOOP, steps.getLast().delay(), "no retries once down");
    }

    @Test
    void miscDynamicWeightBecomesADifferenceFromTheConfiguredWeight() {
        CheckSpec.Misc misc = new CheckSpec.Misc(List.of("/bin/true"), java.util.Optional.empty(), LOOP, true, TIMING);
        CheckerLogic logic = CheckerLogic.of(misc, 3);
        Step passed = logic.next(upAndRun(), new Attempt.Passed(OptionalLong.of(10)));
        assertEquals(7, passed.state().weightDelta());
        List<Step> failing = run(logic, passed.state(), FAIL, FAIL, FAIL);
        assertEquals(7, failing.get(1).state().weightDelta(), "a retry keeps the weight");
        assertEquals(Step.Verdict.DOWN, failing.getLast().verdict());
        assertEquals(0, failing.getLast().state().weightDelta(), "the verdict down drops it");
        assertEquals(0, logic.next(downAndRun(), PASS).state().weightDelta(), "exit 0 means the configured weight");
    }

    static CheckerLogic http(int urls, boolean fastRecovery) {
        List<CheckSpec.HttpUrl> list = java.util.stream.IntStream.range(0, urls)
                .mapToObj(i -> CheckSpec.HttpUrl.of("/" + i)).toList();
        return CheckerLogic.of(new CheckSpec.Http(ENDPOINT, TIMING.withRetry(1, RETRY_DELAY), false,
                CheckSpec.HttpVersion.HTTP_1_0, java.util.Optional.empty(), false, java.util.Optional.empty(),
                fastRecovery, list), 1);
    }

    @Test
    void httpIsUpAfterAFullRoundOfUrls() {
        List<Step> steps = run(http(2, false), CheckerState.initial(false, 1), PASS, PASS);
        assertEquals(Step.Verdict.NONE, steps.get(0).verdict());
        assertEquals(1, steps.get(0).state().url());
        assertEquals(Step.Verdict.UP, steps.get(1).verdict());
        assertEquals(0, steps.get(1).state().url());
        assertEquals(LOOP, steps.get(1).delay());
    }

    @Test
    void httpFirstRoundFailsOnOneFailure() {
        List<Step> steps = run(http(2, false), CheckerState.initial(false, 1), PASS, FAIL);
        assertEquals(Step.Verdict.DOWN, steps.get(1).verdict());
        assertEquals(1, steps.get(1).state().failedUrl());
    }

    @Test
    void httpDownRetriesTheFailedUrlThenNeedsAFullRound() {
        CheckerLogic logic = http(2, false);
        CheckerState up = new CheckerState(true, true, 0, 1, -1, 0);
        List<Step> steps = run(logic, up, FAIL, FAIL, FAIL, PASS, PASS, PASS);
        assertEquals(RETRY_DELAY, steps.get(0).delay());
        assertEquals(Step.Verdict.DOWN, steps.get(1).verdict());
        assertEquals(1, steps.get(1).state().failedUrl());
        assertEquals(LOOP, steps.get(1).delay(), "max(delay_before_retry, delay_loop)");
        assertEquals(Step.Verdict.NONE, steps.get(2).verdict(), "the failed url failing again changes nothing");
        assertEquals(1, steps.get(2).state().url(), "only the failed url is tried");
        assertEquals(Step.Verdict.NONE, steps.get(3).verdict(), "the failed url passing starts a round");
        assertEquals(0, steps.get(3).state().url());
        assertEquals(-1, steps.get(3).state().failedUrl());
        assertEquals(Step.Verdict.NONE, steps.get(4).verdict());
        assertEquals(Step.Verdict.UP, steps.get(5).verdict());
    }

    @Test
    void httpFastRecoveryChecksAtOnceWhileDownWithoutAFailedUrl() {
        CheckerLogic logic = http(1, true);
        CheckerState down = new CheckerState(false, true, 0, 0, 0, 0);
        Step recovered = logic.next(down, PASS);
        assertEquals(Duration.ZERO, recovered.delay());
        assertEquals(Step.Verdict.UP, logic.next(recovered.state(), PASS).verdict());
    }

    @Test
    void migrationKeepsTheVerdictAndTrimsRetries() {
        CheckerState old = new CheckerState(false, true, 3, 0, -1, 5);
        CheckerState migrated = old.migrateTo(CheckerState.initial(false, 2), 2);
        assertFalse(migrated.up());
        assertEquals(1, migrated.retryIt());
        CheckerState untested = new CheckerState(true, false, 0, 0, -1, 0).migrateTo(CheckerState.initial(true, 1), 1);
        assertFalse(untested.up(), "an untested checker takes the new alpha");
    }
}
