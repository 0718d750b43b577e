package io.lvsj.keepalived.check;

import java.time.Duration;
import java.util.Objects;

/**
 * How a checker turns tries into verdicts and decides when to try next: a pure function of
 * its state and the latest {@link Attempt}, reproducing keepalived 2.2's per-checker rules
 * (the {@code *_epilog} functions of {@code check_*.c}), which differ in small ways.
 */
public sealed interface CheckerLogic {

    Step next(CheckerState state, Attempt attempt);

    /** The logic keepalived applies to a checker of this kind. */
    static CheckerLogic of(CheckSpec.Scheduled spec, long configuredWeight) {
        return switch (spec) {
            case CheckSpec.Tcp t -> new Retrying(RetryPolicy.ALWAYS, t.timing(), configuredWeight);
            case CheckSpec.Smtp s -> new Retrying(RetryPolicy.ALWAYS, s.timing(), configuredWeight);
            case CheckSpec.Udp u -> new Retrying(RetryPolicy.WHILE_UP, u.timing(), configuredWeight);
            case CheckSpec.Ping p -> new Retrying(RetryPolicy.WHILE_UP, p.timing(), configuredWeight);
            case CheckSpec.Dns d -> new Retrying(RetryPolicy.WHILE_UP_OR_UNTESTED, d.timing(), configuredWeight);
            case CheckSpec.Misc m -> new Retrying(RetryPolicy.WHILE_UP_OR_UNTESTED, m.timing(), configuredWeight);
            case CheckSpec.Http h -> new UrlCycle(h.timing(), h.urls().size(), h.fastRecovery());
        };
    }

    /** When a failed try is retried before the verdict "down". */
    enum RetryPolicy {
        /** TCP_CHECK, SMTP_CHECK: always, even while already down. */
        ALWAYS,
        /** UDP_CHECK, PING_CHECK: only while up. */
        WHILE_UP,
        /** DNS_CHECK, MISC_CHECK: while up or before the first verdict. */
        WHILE_UP_OR_UNTESTED
    }

    /**
     * Checkers with one probe per try. A failure is retried {@code retry} times,
     * {@code delay_before_retry} apart, before the verdict changes; one pass brings it back.
     *
     * @param configuredWeight the real server's weight, from which {@code misc_dynamic} weights
     *                         are turned into the difference the checker adds
     */
    record Retrying(RetryPolicy policy, CheckTiming timing, long configuredWeight) implements CheckerLogic {
        public Retrying {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(timing, "timing");
        }

        @Override
        public Step next(CheckerState state, Attempt attempt) {
            return switch (policy) {
                case ALWAYS -> always(state, attempt);
                case WHILE_UP -> whileUp(state, attempt);
                case WHILE_UP_OR_UNTESTED -> whileUpOrUntested(state, attempt);
            };
        }

        private Step always(CheckerState s, Attempt attempt) {
            if (attempt.isPassed() || s.retryIt() >= timing.retry()) {
                return verdict(s.withRetryIt(0), attempt, timing.delayLoop());
            }
            return new Step(s.withRetryIt(s.retryIt() + 1).withHasRun(), timing.delayBeforeRetry(), Step.Verdict.NONE);
        }

        private Step whileUp(CheckerState s, Attempt attempt) {
            boolean deciding = s.up() || !s.hasRun();
            if (attempt.isPassed() || (deciding && s.retryIt() >= timing.retry())) {
                return verdict(s.withRetryIt(0), attempt, timing.delayLoop());
            }
            if (s.up()) {
                return new Step(s.withRetryIt(s.retryIt() + 1).withHasRun(), timing.delayBeforeRetry(),
                        Step.Verdict.NONE);
            }
            return new Step(s.withHasRun(), timing.delayLoop(), Step.Verdict.NONE);
        }

        private Step whileUpOrUntested(CheckerState s, Attempt attempt) {
            if (!attempt.isPassed() && (s.up() || !s.hasRun()) && s.retryIt() < timing.retry()) {
                return new Step(s.withRetryIt(s.retryIt() + 1).withHasRun(), timing.delayBeforeRetry(),
                        Step.Verdict.NONE);
            }
            return verdict(s.withRetryIt(0), attempt, timing.delayLoop());
        }

        /** The end of a try that decides: a pass reports up to a checker that was down or untested, a failure down. */
        private Step verdict(CheckerState s, Attempt attempt, Duration delay) {
            boolean untested = !s.hasRun();
            CheckerState next = s.withHasRun();
            if (attempt instanceof Attempt.Passed passed) {
                long delta = passed.weight().isPresent() ? passed.weight().getAsLong() - configuredWeight : 0;
                next = next.withWeightDelta(delta);
                if (!s.up() || untested) {
                    return new Step(next.withUp(true), delay, Step.Verdict.UP);
                }
                return new Step(next, delay, Step.Verdict.NONE);
            }
            if (s.up() || untested) {
                return new Step(next.withUp(false).withWeightDelta(0), delay, Step.Verdict.DOWN);
            }
            return new Step(next, delay, Step.Verdict.NONE);
        }
    }

    /**
     * {@code HTTP_GET}/{@code SSL_GET}: one url per try, {@code delay_loop} apart; the server is
     * up after a full round of urls has passed, and down when one url has failed
     * {@code retry}+1 times in a row. While down only the failed url is tried (at
     * {@code max(delay_before_retry, delay_loop)}); once it passes a full round is needed again.
     * With {@code fast_recovery} the next try follows at once while the checker is untested, or
     * down without a failed url.
     */
    record UrlCycle(CheckTiming timing, int urlCount, boolean fastRecovery) implements CheckerLogic {
        @Override
        public Step next(CheckerState s, Attempt attempt) {
            if (attempt.isPassed()) {
                return fastRecovery(advance(s));
            }
            if (s.up() || !s.hasRun()) {
                return fastRecovery(retry(s.withHasRun()));
            }
            // already down: keep trying the failed url
            return fastRecovery(new Step(s, s.failedUrl() >= 0 ? failedDelay() : timing.delayBeforeRetry(),
                    Step.Verdict.NONE));
        }

        /** A url passed: on to the next; a full round brings the server up. */
        private Step advance(CheckerState s) {
            int nextUrl = s.url() + 1 >= urlCount ? -1 : s.url() + 1;
            CheckerState next = s.withUrl(nextUrl, s.failedUrl()).withRetryIt(0);
            Step.Verdict verdict = Step.Verdict.NONE;
            if (nextUrl < 0 && s.failedUrl() < 0) {
                if (!s.up() || !s.hasRun()) {
                    verdict = Step.Verdict.UP;
                    next = next.withUp(true).withHasRun();
                }
                next = next.withUrl(0, -1).withRetryIt(0);
            } else if (s.failedUrl() >= 0) {
                // the failed url answers again: start a full round
                next = next.withUrl(0, -1).withRetryIt(0);
            }
            if (!next.hasRun()) {
                // until the first verdict, one failure of a later url is enough
                next = next.withRetryIt(timing.retry());
            }
            return new Step(next, timing.delayLoop(), verdict);
        }

        private Step retry(CheckerState s) {
            CheckerState next = s.withRetryIt(s.retryIt() + 1);
            if (next.retryIt() > timing.retry()) {
                boolean report = s.up() || !s.hasRun();
                next = next.withUrl(s.url(), s.url());
                if (report) {
                    return new Step(next.withUp(false), failedDelay(), Step.Verdict.DOWN);
                }
                return new Step(next, failedDelay(), Step.Verdict.NONE);
            }
            return new Step(next, timing.delayBeforeRetry(), Step.Verdict.NONE);
        }

        private Duration failedDelay() {
            Duration retry = timing.delayBeforeRetry();
            return retry.compareTo(timing.delayLoop()) > 0 ? retry : timing.delayLoop();
        }

        private Step fastRecovery(Step step) {
            CheckerState s = step.state();
            if (fastRecovery && (!s.hasRun() || (!s.up() && s.failedUrl() < 0))) {
                return new Step(s, Duration.ZERO, step.verdict());
            }
            return step;
        }
    }
}
