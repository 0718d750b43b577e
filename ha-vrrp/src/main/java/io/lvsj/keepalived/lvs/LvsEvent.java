package io.lvsj.keepalived.lvs;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a virtual or real server, for the log, the notify scripts and the
 * FIFO: the checker process's side effects, kept apart from the IPVS table, which follows from
 * the health alone.
 */
public sealed interface LvsEvent {

    VirtualServerSpec virtualServer();

    /** A real server came up (or down). {@code parked}: the quorum is lost and the sorry server serves, so IPVS does not change. */
    record RealServerChanged(VirtualServerSpec virtualServer, RealServerSpec realServer, boolean alive, boolean parked)
            implements LvsEvent {
    }

    /**
     * A checker's first verdict confirmed the state its server started in; keepalived runs the
     * notify script for it when the server starts down (alpha or a first failure).
     */
    record RealServerConfirmed(VirtualServerSpec virtualServer, RealServerSpec realServer, boolean alive)
            implements LvsEvent {
    }

    /**
     * One of a real server's checkers went up or down (keepalived's {@code checker_was_up} against
     * its new state), with the server's life before and after and, for a failure, the checker's
     * words for it (SMTP_CHECK and MISC_CHECK mail them): what keepalived mails about.
     */
    record CheckerFlipped(VirtualServerSpec virtualServer, RealServerSpec realServer,
                          io.lvsj.keepalived.check.CheckSpec check, boolean up, boolean serverWasAlive,
                          boolean serverAlive, Optional<String> failure) implements LvsEvent {
        public CheckerFlipped {
            Objects.requireNonNull(failure, "failure");
        }

        /** Without the failure's words (a FILE_CHECK, or a checker that mails none). */
        public CheckerFlipped(VirtualServerSpec virtualServer, RealServerSpec realServer,
                              io.lvsj.keepalived.check.CheckSpec check, boolean up, boolean serverWasAlive,
                              boolean serverAlive) {
            this(virtualServer, realServer, check, up, serverWasAlive, serverAlive, Optional.empty());
        }
    }

    /** Dynamic weight (misc_dynamic, FILE_CHECK) moved. {@code active}: the server is alive, so IPVS changes. */
    record WeightChanged(VirtualServerSpec virtualServer, RealServerSpec realServer, int from, int to, boolean active)
            implements LvsEvent {
    }

    /** The quorum was gained or lost; {@code threshold} and {@code liveWeight} as keepalived logs them. */
    record QuorumChanged(VirtualServerSpec virtualServer, boolean up, long threshold, long liveWeight, boolean atStart)
            implements LvsEvent {
    }

    /** A reload or shutdown removed a real server (alive ones get their notify_down). */
    record RealServerRemoved(VirtualServerSpec virtualServer, RealServerSpec realServer, boolean wasAlive,
                             boolean stopping) implements LvsEvent {
    }

    /** A reload or shutdown removed a whole virtual server. */
    record VirtualServerRemoved(VirtualServerSpec virtualServer, boolean quorumWasUp, boolean stopping)
            implements LvsEvent {
    }
}
