package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.lib.NotifyFifo;
import io.lvsj.sys.ErrnoException;
import org.slf4j.Logger;

import java.util.Optional;

/**
 * Acts on {@link LvsEvent}s as keepalived's checker does: the log lines operators grep for
 * ("Removing service [..]:tcp:80 from VS [..]:tcp:80", "Lost quorum 1-0=1 > 0 for VS ..."),
 * then the notify scripts ({@code notify_up}/{@code notify_down}, {@code quorum_up}/
 * {@code quorum_down}; at shutdown only with {@code omega}).
 */
public final class LvsNotifier {
    private final Logger log;
    private final ScriptRunner scripts;
    private volatile java.util.List<NotifyFifo> fifos;
    private volatile Mail mail;

    /**
     * Where the checkers' e-mail alerts go ({@code null}: nowhere) and about what: the virtual
     * and real servers with {@code smtp_alert} (keepalived's default: on for real servers, off
     * for virtual servers, unless set globally), {@code no_checker_emails}.
     */
    public record Mail(io.lvsj.keepalived.lib.SmtpAlerts alerts, java.util.function.Predicate<VirtualServerId> virtualServers,
                       java.util.function.BiPredicate<VirtualServerId, RealServerKey> realServers, boolean noCheckerEmails) {
    }

    public LvsNotifier(Logger log, ScriptRunner scripts) {
        this(log, scripts, java.util.List.of());
    }

    /** With {@code notify_fifo}/{@code lvs_notify_fifo}, which get a line for each event. */
    public LvsNotifier(Logger log, ScriptRunner scripts, java.util.List<NotifyFifo> fifos) {
        this.log = log;
        this.scripts = scripts;
        this.fifos = java.util.List.copyOf(fifos);
    }

    /** Replaces the FIFOs (a reload may name others); returns the ones replaced, for closing. */
    public java.util.List<NotifyFifo> setFifos(java.util.List<NotifyFifo> newFifos) {
        java.util.List<NotifyFifo> old = fifos;
        fifos = java.util.List.copyOf(newFifos);
        return old;
    }

    public void handle(Iterable<LvsEvent> events) {
        for (LvsEvent e : events) {
            handle(e);
        }
    }

    /** The e-mail alerts from now on (null: none). */
    public void setMail(Mail newMail) {
        mail = newMail;
    }

    public void handle(LvsEvent event) {
        act(event);
        mail(event);
        fifoLine(event).ifPresent(line -> {
            for (NotifyFifo fifo : fifos) {
                write(fifo, line);
            }
        });
    }

    /**
     * The notify FIFO line for an event, or empty when keepalived writes none for it:
     * {@code VS [192.0.2.1]:tcp:80 UP}, {@code RS [198.51.100.1]:tcp:80 [192.0.2.1]:tcp:80 DOWN}.
     */
    static Optional<String> fifoLine(LvsEvent event) {
        VirtualServerSpec vs = event.virtualServer();
        return switch (event) {
            case LvsEvent.RealServerChanged c -> Optional.of("RS " + Names.realServer(vs, c.realServer()) + " "
                    + vs.name() + (c.alive() ? " UP" : " DOWN"));
            case LvsEvent.RealServerConfirmed c -> Optional.of("RS " + Names.realServer(vs, c.realServer()) + " "
                    + vs.name() + (c.alive() ? " UP" : " DOWN"));
            case LvsEvent.RealServerRemoved r -> r.wasAlive() && (!r.stopping() || vs.omega())
                    ? Optional.of("RS " + Names.realServer(vs, r.realServer()) + " " + vs.name() + " DOWN")
                    : Optional.empty();
            case LvsEvent.QuorumChanged q -> Optional.of("VS " + vs.name() + (q.up() ? " UP" : " DOWN"));
            case LvsEvent.VirtualServerRemoved v -> v.quorumWasUp() && (!v.stopping() || vs.omega())
                    ? Optional.of("VS " + vs.name() + " DOWN") : Optional.empty();
            case LvsEvent.WeightChanged w -> Optional.empty();
            case LvsEvent.CheckerFlipped f -> Optional.empty();
        };
    }

    /**
     * Each line is followed by a NUL byte, as keepalived's checker writes them ({@code strlen + 1}
     * bytes); a line that does not fit is dropped, as keepalived's EAGAIN does.
     */
    private void write(NotifyFifo fifo, String line) {
        try {
            fifo.write(line + "\n\0");
        } catch (ErrnoException e) {
            log.info("Cannot write to notify FIFO: " + e.getMessage());
        }
    }

    private void act(LvsEvent event) {
        VirtualServerSpec vs = event.virtualServer();
        switch (event) {
            case LvsEvent.RealServerChanged c -> {
                String rs = Names.realServer(vs, c.realServer());
                boolean inhibit = c.realServer().inhibitOnFailure();
                log.info((c.alive() ? (inhibit ? "Enabling" : "Adding") : (inhibit ? "Disabling" : "Removing"))
                        + " service " + rs + " " + (inhibit ? "of" : c.alive() ? "to" : "from") + " VS " + vs.name());
                notifyServer(c.realServer(), c.alive(), false);
            }
            case LvsEvent.RealServerConfirmed c -> notifyServer(c.realServer(), c.alive(), false);
            case LvsEvent.WeightChanged w -> log.info("Changing weight from " + w.from() + " to " + w.to() + " for "
                    + (w.active() ? "" : "in") + "active service " + Names.realServer(vs, w.realServer()) + " of VS "
                    + vs.name());
            case LvsEvent.QuorumChanged q -> quorum(vs, q);
            case LvsEvent.CheckerFlipped f -> {
                // what a checker logs of itself, it logs as it runs
            }
            case LvsEvent.RealServerRemoved r -> {
                String rs = Names.realServer(vs, r.realServer());
                if (r.stopping()) {
                    log.info("Shutting down service " + rs + " from VS " + vs.name());
                } else {
                    log.info("service " + rs + " no longer exist");
                    if (r.wasAlive() || r.realServer().inhibitOnFailure()) {
                        log.info("Removing " + (r.realServer().inhibitOnFailure() && !r.wasAlive() ? "(inhibited) " : "")
                                + "service " + rs + " from VS " + vs.name());
                    }
                }
                if (r.wasAlive() && (!r.stopping() || vs.omega())) {
                    notifyServer(r.realServer(), false, r.stopping());
                }
            }
            case LvsEvent.VirtualServerRemoved v -> {
                if (!v.stopping()) {
                    log.info("Removing Virtual Server " + vs.name());
                }
                if (v.quorumWasUp() && (!v.stopping() || vs.omega())) {
                    vs.quorumDown().ifPresent(s -> scripts.run(s, v.stopping()));
                }
            }
        }
    }

    /**
     * keepalived's smtp_alert calls of the checker side: a checker's change
     * ({@code SMTP_MSG_RS}, when the server's life changed or unless {@code no_checker_emails}),
     * a quorum's ({@code SMTP_MSG_VS}), a real server removed alive ({@code SMTP_MSG_RS_SHUT});
     * at shutdown only with {@code omega}.
     */
    private void mail(LvsEvent event) {
        Mail m = mail;
        if (m == null) {
            return;
        }
        VirtualServerSpec vs = event.virtualServer();
        switch (event) {
            case LvsEvent.CheckerFlipped f -> {
                if (m.realServers().test(vs.id(), f.realServer().key())
                        && (f.serverWasAlive() != f.serverAlive() || !m.noCheckerEmails())) {
                    m.alerts().realServer(Names.realServer(vs, f.realServer()), vs.name(), f.serverAlive(),
                            CheckerMail.body(f.check(), f.up(), f.failure()));
                }
            }
            case LvsEvent.QuorumChanged q -> {
                if (m.virtualServers().test(vs.id())) {
                    m.alerts().virtualServer(vs.name(), q.up(), "=> " + (q.up() ? q.atStart() ? "Starting with quorum up"
                            : "Gained quorum" : q.atStart() ? "Starting with quorum down" : "Lost quorum") + " "
                            + vs.quorum() + "+" + vs.hysteresis() + "=" + q.threshold() + " <= " + q.liveWeight() + " <=");
                }
            }
            case LvsEvent.RealServerRemoved r -> {
                if (r.wasAlive() && (!r.stopping() || vs.omega()) && m.realServers().test(vs.id(), r.realServer().key())) {
                    m.alerts().realServer(Names.realServer(vs, r.realServer()), vs.name(), false,
                            r.stopping() ? "=> Shutting down <=" : "=> Removing <=");
                }
            }
            case LvsEvent.VirtualServerRemoved v -> {
                if (v.quorumWasUp() && v.stopping() && vs.omega() && m.virtualServers().test(vs.id())) {
                    m.alerts().virtualServer(vs.name(), false, "=> Shutting down <=");
                }
            }
            default -> {
            }
        }
    }

    private void notifyServer(RealServerSpec rs, boolean alive, boolean stopping) {
        (alive ? rs.notifyUp() : rs.notifyDown()).ifPresent(s -> scripts.run(s, stopping));
    }

    private void quorum(VirtualServerSpec vs, LvsEvent.QuorumChanged q) {
        if (q.up()) {
            log.info("Gained quorum " + vs.quorum() + "+" + vs.hysteresis() + "=" + q.threshold() + " <= "
                    + q.liveWeight() + " for VS " + vs.name());
            vs.sorryServer().filter(s -> !q.atStart()).ifPresent(s -> { // at start the sorry server is not in yet
                log.info((s.inhibit() ? "Disabling" : "Removing") + " sorry server " + Names.sorryServer(vs, s)
                        + " from VS " + vs.name());
                log.info("Adding alive servers to the pool for VS " + vs.name());
            });
            vs.quorumUp().ifPresent(s -> scripts.run(s, false));
        } else {
            log.info((q.atStart() ? "Starting with quorum down" : "Lost quorum") + " " + vs.quorum() + "-"
                    + vs.hysteresis() + "=" + q.threshold() + " > " + q.liveWeight() + " for VS " + vs.name());
            vs.sorryServer().ifPresent(s -> {
                log.info((s.inhibit() ? "Enabling" : "Adding") + " sorry server " + Names.sorryServer(vs, s)
                        + " to VS " + vs.name());
                log.info("Removing alive servers from the pool for VS " + vs.name());
            });
            vs.quorumDown().ifPresent(s -> scripts.run(s, false));
        }
    }
}
