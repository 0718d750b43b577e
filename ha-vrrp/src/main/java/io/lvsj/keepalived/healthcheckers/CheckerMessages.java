package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Step;
import io.lvsj.keepalived.check.probe.MiscExit;
import io.lvsj.keepalived.lvs.Names;
import io.lvsj.keepalived.lvs.RealServerKey;
import io.lvsj.keepalived.lvs.VirtualServerSpec;

import java.util.Optional;

/**
 * The lines keepalived's checkers log about themselves, in its words ("TCP connection to
 * [..]:tcp:80 success.", "TCP_CHECK on service [..]:tcp:80 failed after 1 retries."): one when a
 * checker's verdict changes, and, with {@code log_all_failures}, one per failed try while up.
 * SMTP_CHECK logs its failure's own words ("SMTP_CHECK Could not connect to server [..]:25"),
 * MISC_CHECK says where it is in its retries ("failed with retry disabled", "timed out after 2
 * retries"), as {@code check_smtp.c} and {@code check_misc.c} do. Pure.
 */
public final class CheckerMessages {
    private CheckerMessages() {
    }

    public static Optional<String> of(VirtualServerSpec vs, RealServerKey realServer, CheckSpec.Scheduled spec,
                                      CheckerState before, Attempt attempt, Step step) {
        String target = target(vs, realServer, spec);
        int retry = spec.timing().retry();
        if (step.verdict() == Step.Verdict.UP) {
            return Optional.of(switch (spec) {
                case CheckSpec.Tcp t -> "TCP connection to " + target + " success.";
                case CheckSpec.Http h -> "Remote Web server " + target + " succeed on service.";
                case CheckSpec.Smtp s -> "Remote SMTP server " + target + " succeed on service.";
                case CheckSpec.Dns d -> "DNS_CHECK (" + target + ") succeed on service.";
                case CheckSpec.Udp u -> "UDP connection to " + target + " success.";
                case CheckSpec.Ping p -> "ICMP connection to " + target + " success.";
                case CheckSpec.Misc m -> misc(vs, target, m) + " succeeded.";
            });
        }
        String reason = attempt instanceof Attempt.Failed f ? f.reason() : "";
        if (step.verdict() == Step.Verdict.DOWN) {
            String retries = retry > 0 && before.hasRun() ? " after " + retry + " retries." : ".";
            return Optional.of(switch (spec) {
                case CheckSpec.Tcp t -> "TCP_CHECK on service " + target + " failed" + retries;
                case CheckSpec.Http h -> "HTTP_CHECK on service " + target + " failed" + retries;
                case CheckSpec.Smtp s -> "SMTP_CHECK " + reason;
                case CheckSpec.Dns d -> "DNS_CHECK (" + target + ") " + reason + (retries.equals(".") ? "" : retries);
                case CheckSpec.Udp u -> "UDP_CHECK on service " + target + " failed" + retries;
                case CheckSpec.Ping p -> "ICMP CHECK on service " + target + " failed" + retries;
                case CheckSpec.Misc m -> miscFailure(vs, target, m, reason, retry, 0);
            });
        }
        if (!attempt.isPassed() && before.up() && spec.timing().logAllFailures()) {
            return Optional.of(switch (spec) {
                case CheckSpec.Smtp s -> "SMTP_CHECK " + reason;
                case CheckSpec.Misc m -> miscFailure(vs, target, m, reason, retry, step.state().retryIt());
                default -> spec.keyword() + " to " + target + ": " + reason;
            });
        }
        return Optional.empty();
    }

    /**
     * A MISC_CHECK failure: "timed out" or "failed", where the checker is in its retries
     * ({@code retryIt} 1 after the scheduled try, k+1 after retry k, 0 after the last), and
     * why, unless it timed out.
     */
    private static String miscFailure(VirtualServerSpec vs, String target, CheckSpec.Misc m, String reason,
                                      int retry, int retryIt) {
        boolean timedOut = reason.equals(MiscExit.TIMED_OUT);
        String where;
        if (retry == 0) {
            where = " with retry disabled";
        } else if (retryIt == 1) {
            where = ", will do " + retries(retry);
        } else if (retryIt > 1) {
            where = " on retry " + (retryIt - 1) + "/" + retry;
        } else {
            where = " after " + retries(retry);
        }
        return misc(vs, target, m) + (timedOut ? " timed out" + where + "." : " failed" + where + " (" + reason + ").");
    }

    private static String retries(int n) {
        return n + (n == 1 ? " retry" : " retries");
    }

    private static String misc(VirtualServerSpec vs, String target, CheckSpec.Misc m) {
        return "Misc check for [" + target + " VS " + vs.name() + "] by [" + m.command().getFirst() + "]";
    }

    private static String target(VirtualServerSpec vs, RealServerKey realServer, CheckSpec.Scheduled spec) {
        return switch (spec) {
            case CheckSpec.Networked n -> Names.realServer(vs, n.endpoint().address(), n.endpoint().port());
            case CheckSpec.Misc m -> Names.realServer(vs, realServer.address(), realServer.port());
        };
    }
}
