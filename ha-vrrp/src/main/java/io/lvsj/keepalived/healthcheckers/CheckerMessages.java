package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Step;
import io.lvsj.keepalived.lvs.Names;
import io.lvsj.keepalived.lvs.VirtualServerSpec;

import java.util.Optional;

/**
 * The lines keepalived's checkers log about themselves, in its words ("TCP connection to
 * [..]:tcp:80 success.", "TCP_CHECK on service [..]:tcp:80 failed after 1 retries."): one when a
 * checker's verdict changes, and, with {@code log_all_failures}, one per failed try while up.
 * Pure.
 */
public final class CheckerMessages {
    private CheckerMessages() {
    }

    public static Optional<String> of(VirtualServerSpec vs, CheckSpec.Scheduled spec, CheckerState before,
                                      Attempt attempt, Step step) {
        String target = target(vs, spec);
        int retry = spec.timing().retry();
        if (step.verdict() == Step.Verdict.UP) {
            return Optional.of(switch (spec) {
                case CheckSpec.Tcp t -> "TCP connection to " + target + " success.";
                case CheckSpec.Http h -> "Remote Web server " + target + " succeed on service.";
                case CheckSpec.Smtp s -> "Remote SMTP server " + target + " succeed on service.";
                case CheckSpec.Dns d -> "DNS_CHECK (" + target + ") succeed on service.";
                case CheckSpec.Udp u -> "UDP connection to " + target + " success.";
                case CheckSpec.Ping p -> "ICMP connection to " + target + " success.";
                case CheckSpec.Misc m -> "Misc check for [" + target + " VS " + vs.name() + "] by ["
                        + m.command().getFirst() + "] succeeded.";
            });
        }
        String reason = attempt instanceof Attempt.Failed f ? f.reason() : "";
        if (step.verdict() == Step.Verdict.DOWN) {
            String retries = retry > 0 && before.hasRun() ? " after " + retry + " retries." : ".";
            return Optional.of(switch (spec) {
                case CheckSpec.Tcp t -> "TCP_CHECK on service " + target + " failed" + retries;
                case CheckSpec.Http h -> "HTTP_CHECK on service " + target + " failed" + retries;
                case CheckSpec.Smtp s -> "SMTP_CHECK on service " + target + " failed" + retries + " (" + reason + ")";
                case CheckSpec.Dns d -> "DNS_CHECK (" + target + ") " + reason + (retries.equals(".") ? "" : retries);
                case CheckSpec.Udp u -> "UDP_CHECK on service " + target + " failed" + retries;
                case CheckSpec.Ping p -> "ICMP CHECK on service " + target + " failed" + retries;
                case CheckSpec.Misc m -> "Misc check for [" + target + " VS " + vs.name() + "] by ["
                        + m.command().getFirst() + "] failed (" + reason + ").";
            });
        }
        if (!attempt.isPassed() && before.up() && spec.timing().logAllFailures()) {
            return Optional.of(spec.keyword() + " to " + target + ": " + reason);
        }
        return Optional.empty();
    }

    private static String target(VirtualServerSpec vs, CheckSpec.Scheduled spec) {
        return switch (spec) {
            case CheckSpec.Networked n -> Names.realServer(vs, n.endpoint().address(), n.endpoint().port());
            case CheckSpec.Misc m -> vs.name();
        };
    }
}
