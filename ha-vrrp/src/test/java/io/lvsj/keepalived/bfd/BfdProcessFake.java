package io.lvsj.keepalived.bfd;

/**
 * Stands in for the BFD sessions in host tests of their followers: publishes on a
 * {@link BfdEvents} what {@link BfdDaemon} publishes, a session's change and the state reports
 * of its start and reload.
 */
public final class BfdProcessFake {
    private final BfdEvents events;

    public BfdProcessFake(BfdEvents events) {
        this.events = events;
    }

    /** {@code session} went up (or down). */
    public void changed(String session, boolean up) {
        events.publish(session, up);
    }

    /** {@code session} is up (or down), as reported to the checkers at start and reload. */
    public void reported(String session, boolean up) {
        events.report(session, up);
    }
}
