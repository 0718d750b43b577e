package io.lvsj.keepalived.healthcheckers;

import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.CheckerLogic;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Step;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.probe.MiscExit;
import io.lvsj.keepalived.lvs.RealServerKey;
import io.lvsj.keepalived.lvs.ServiceTemplate;
import io.lvsj.keepalived.lvs.VirtualServerSpec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checkers' own log lines for MISC_CHECK and SMTP_CHECK, in the words Debian's keepalived
 * 2.2.7 logged for the same configuration in the lab (a script exiting 1 with retry 0 and with
 * retry 2, a script killed at misc_timeout, an SMTP server refusing the connection).
 */
class CheckerMessagesTest {
    private static final InetAddress VIP = address("203.0.113.30");
    private static final VirtualServerSpec VS = VirtualServerSpec.of(ServiceKey.tcp(VIP, 80), ServiceTemplate.of("rr"),
            List.of());
    private static final RealServerKey RS = new RealServerKey(address("127.0.0.3"), 80);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static CheckSpec.Misc misc(String program, int retry, boolean logAllFailures) {
        return new CheckSpec.Misc(List.of(program), Optional.empty(), SECOND, false,
                new CheckTiming(Duration.ofSeconds(2), retry, SECOND, Duration.ZERO, false, logAllFailures));
    }

    /** What the checker logs for each of {@code attempts}, from {@code state} on (empty: nothing logged). */
    private static List<String> lines(CheckSpec.Scheduled spec, CheckerState state, Attempt... attempts) {
        CheckerLogic logic = CheckerLogic.of(spec, 1);
        List<String> out = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Step step = logic.next(state, attempt);
            out.add(CheckerMessages.of(VS, RS, spec, state, attempt, step).orElse(""));
            state = step.state();
        }
        return out;
    }

    private static CheckerState atStart(CheckSpec.Scheduled spec) {
        return CheckerState.initial(false, spec.timing().retry());
    }

    @Test
    void aMiscScriptFailingAtStartIsLoggedAsKeepalivedDoes() {
        CheckSpec.Misc once = misc("/usr/bin/false", 0, false);
        assertEquals(List.of("Misc check for [[127.0.0.3]:tcp:80 VS [203.0.113.30]:tcp:80] by [/usr/bin/false] failed"
                + " with retry disabled (exited with status 1)."), lines(once, atStart(once), MiscExit.ofExit(1, false)));
        CheckSpec.Misc twice = misc("/usr/bin/false", 2, false);
        assertEquals(List.of("Misc check for [[127.0.0.3]:tcp:80 VS [203.0.113.30]:tcp:80] by [/usr/bin/false] failed"
                + " after 2 retries (exited with status 1)."), lines(twice, atStart(twice), MiscExit.ofExit(1, false)));
    }

    @Test
    void aMiscScriptTimingOutSaysSoWithoutAReason() {
        CheckSpec.Misc sleep = misc("/usr/bin/sleep", 0, false);
        assertEquals(List.of("Misc check for [[127.0.0.3]:tcp:80 VS [203.0.113.30]:tcp:80] by [/usr/bin/sleep] timed out"
                + " with retry disabled."), lines(sleep, atStart(sleep), MiscExit.timedOut()));
    }

    /** With log_all_failures each failed try is logged with where the retries are, as check_misc.c counts them. */
    @Test
    void everyRetryIsLoggedWithLogAllFailures() {
        CheckSpec.Misc spec = misc("/usr/bin/false", 2, true);
        String prefix = "Misc check for [[127.0.0.3]:tcp:80 VS [203.0.113.30]:tcp:80] by [/usr/bin/false] ";
        assertEquals(List.of(prefix + "succeeded.",
                        prefix + "failed, will do 2 retries (exited with status 1).",
                        prefix + "timed out on retry 1/2.",
                        prefix + "failed after 2 retries (exited with status 1).",
                        "",
                        prefix + "succeeded."),
                lines(spec, atStart(spec), Attempt.passed(), MiscExit.ofExit(1, false), MiscExit.timedOut(),
                        MiscExit.ofExit(1, false), MiscExit.ofExit(1, false), Attempt.passed()));
        CheckSpec.Misc one = misc("/usr/bin/false", 1, true);
        assertEquals(List.of(prefix + "succeeded.", prefix + "failed, will do 1 retry (exited with status 1).",
                        prefix + "failed after 1 retry (exited with status 1)."),
                lines(one, atStart(one), Attempt.passed(), MiscExit.ofExit(1, false), MiscExit.ofExit(1, false)));
    }

    @Test
    void anSmtpCheckLogsItsFailureInItsOwnWords() {
        CheckSpec.Smtp smtp = new CheckSpec.Smtp(Endpoint.of(address("127.0.0.5"), 25), CheckTiming.every(SECOND),
                "director");
        assertEquals(List.of("SMTP_CHECK Could not connect to server [127.0.0.5]:25"),
                lines(smtp, atStart(smtp), Attempt.failed("Could not connect to server [127.0.0.5]:25")));
        assertEquals(List.of("Remote SMTP server [127.0.0.5]:tcp:25 succeed on service."),
                lines(smtp, atStart(smtp), Attempt.passed()));
    }
}
