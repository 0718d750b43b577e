package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.lib.SmtpAlerts;
import io.lvsj.keepalived.lib.SmtpSink;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.lvsj.keepalived.lvs.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The checkers' e-mail alerts, as keepalived's checkers and ipwrapper.c send them: a checker's
 * change with its own words, a quorum's, a real server removed; under smtp_alert and
 * no_checker_emails. Real SMTP conversations with a recording server on loopback.
 */
class LvsNotifierMailTest {
    private static final CheckSpec TCP = new CheckSpec.Tcp(Endpoint.of(RS1, 80), CheckTiming.every(Duration.ofSeconds(1)));

    private static List<String> subjectsAndBodies(boolean noCheckerEmails, boolean vsAlert, List<LvsEvent> events)
            throws Exception {
        try (SmtpSink sink = new SmtpSink(null, "127.0.0.1", 0)) {
            ExecutorService threads = Executors.newSingleThreadExecutor(); // one at a time: mails in order
            SmtpAlerts alerts = new SmtpAlerts(new SmtpAlerts.Settings(new InetSocketAddress("127.0.0.1", sink.port()),
                    "h", "f@example", List.of("t@example"), "lab", Duration.ofSeconds(5)), LogOutput.silent(false),
                    Clock.fixed(Instant.EPOCH, ZoneId.of("UTC")), threads);
            Logger quiet = LogOutput.silent(false);
            LvsNotifier notifier = new LvsNotifier(quiet, new ScriptRunner(NetworkContext.host(), quiet));
            notifier.setMail(new LvsNotifier.Mail(alerts, vs -> vsAlert, (vs, rs) -> true, noCheckerEmails));
            notifier.handle(events);
            threads.shutdown();
            threads.awaitTermination(10, TimeUnit.SECONDS);
            sink.awaitIdle();
            return sink.conversations().stream().map(c -> c.lines().filter(l -> l.startsWith("Subject: ")
                    || l.startsWith("=> ")).map(String::strip).reduce((a, b) -> a + " / " + b).orElse("")).toList();
        }
    }

    @Test
    void aCheckerGoingDownThenUp() throws Exception {
        RealServerSpec rs = RealServerSpec.of(RS1, 80, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        List<LvsEvent> events = List.of(
                new LvsEvent.RealServerChanged(vs, rs, false, false),
                new LvsEvent.QuorumChanged(vs, false, 1, 0, false),
                new LvsEvent.CheckerFlipped(vs, rs, TCP, false, true, false),
                new LvsEvent.CheckerFlipped(vs, rs, TCP, true, false, true));
        assertEquals(List.of(
                "Subject: [lab] Virtualserver [192.0.2.10]:tcp:80 - DOWN / => Lost quorum 1+0=1 <= 0 <=",
                "Subject: [lab] Realserver [198.51.100.1]:tcp:80 of virtual server [192.0.2.10]:tcp:80 - DOWN"
                        + " / => TCP CHECK failed on service <=",
                "Subject: [lab] Realserver [198.51.100.1]:tcp:80 of virtual server [192.0.2.10]:tcp:80 - UP"
                        + " / => TCP CHECK succeed on service <="), subjectsAndBodies(false, true, events));
    }

    @Test
    void noCheckerEmailsMailsOnlyWhatChangesTheServer() throws Exception {
        RealServerSpec rs = RealServerSpec.of(RS1, 80, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        List<LvsEvent> events = List.of(
                new LvsEvent.CheckerFlipped(vs, rs, TCP, false, false, false),   // a second checker: the server was down
                new LvsEvent.CheckerFlipped(vs, rs, TCP, false, true, false));
        assertEquals(List.of("Subject: [lab] Realserver [198.51.100.1]:tcp:80 of virtual server [192.0.2.10]:tcp:80 - DOWN"
                + " / => TCP CHECK failed on service <="), subjectsAndBodies(true, false, events));
    }

    /** SMTP_CHECK mails its failure's words; MISC_CHECK whether the script failed or timed out (check_misc.c). */
    @Test
    void smtpAndMiscChecksMailInTheirOwnWords() throws Exception {
        RealServerSpec rs = RealServerSpec.of(RS1, 25, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        CheckTiming timing = CheckTiming.every(Duration.ofSeconds(1));
        CheckSpec smtp = new CheckSpec.Smtp(Endpoint.of(RS1, 25), timing, "director");
        CheckSpec misc = new CheckSpec.Misc(List.of("/bin/false"), java.util.Optional.empty(), Duration.ofSeconds(1),
                false, timing);
        String subject = "Subject: [lab] Realserver [198.51.100.1]:tcp:25 of virtual server [192.0.2.10]:tcp:80 - ";
        List<LvsEvent> events = List.of(
                new LvsEvent.CheckerFlipped(vs, rs, smtp, false, true, false,
                        java.util.Optional.of("Could not connect to server [198.51.100.1]:25")),
                new LvsEvent.CheckerFlipped(vs, rs, smtp, true, false, true),
                new LvsEvent.CheckerFlipped(vs, rs, misc, false, true, false,
                        java.util.Optional.of(io.lvsj.keepalived.check.probe.MiscExit.TIMED_OUT)),
                new LvsEvent.CheckerFlipped(vs, rs, misc, true, false, true),
                new LvsEvent.CheckerFlipped(vs, rs, misc, false, true, false,
                        java.util.Optional.of("exited with status 1")));
        assertEquals(List.of(
                subject + "DOWN / => CHECK failed on service : Could not connect to server [198.51.100.1]:25 <=",
                subject + "UP / => CHECK succeed on service <=",
                subject + "DOWN / => MISC CHECK timed out on service <=",
                subject + "UP / => MISC CHECK succeeded on service <=",
                subject + "DOWN / => MISC CHECK failed on service <="), subjectsAndBodies(false, false, events));
    }

    /** BFD_CHECK names its session (check_bfd.c). */
    @Test
    void bfdChecksMailTheirSession() throws Exception {
        RealServerSpec rs = RealServerSpec.of(RS1, 80, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        CheckSpec bfd = new CheckSpec.Bfd("peer1", false);
        String subject = "Subject: [lab] Realserver [198.51.100.1]:tcp:80 of virtual server [192.0.2.10]:tcp:80 - ";
        List<LvsEvent> events = List.of(
                new LvsEvent.CheckerFlipped(vs, rs, bfd, false, true, false),
                new LvsEvent.CheckerFlipped(vs, rs, bfd, true, false, true));
        assertEquals(List.of(
                subject + "DOWN / => BFD CHECK peer1 failed on service <=",
                subject + "UP / => BFD CHECK peer1 succeeded on service <="), subjectsAndBodies(false, false, events));
    }

    @Test
    void aRemovedAliveServerIsMailedAndAStopOnlyWithOmega() throws Exception {
        RealServerSpec rs = RealServerSpec.of(RS1, 80, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        List<LvsEvent> events = List.of(
                new LvsEvent.RealServerRemoved(vs, rs, true, false),
                new LvsEvent.RealServerRemoved(vs, rs, true, true),
                new LvsEvent.RealServerRemoved(vs.withOmega(true), rs, true, true));
        assertEquals(List.of(
                "Subject: [lab] Realserver [198.51.100.1]:tcp:80 of virtual server [192.0.2.10]:tcp:80 - DOWN"
                        + " / => Removing <=",
                "Subject: [lab] Realserver [198.51.100.1]:tcp:80 of virtual server [192.0.2.10]:tcp:80 - DOWN"
                        + " / => Shutting down <="), subjectsAndBodies(false, false, events));
    }
}
