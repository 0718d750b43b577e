package io.lvsj.ctnl;

import java.util.Objects;

/**
 * What a ctnetlink message said: a change of one entry, a message that did not decode, or
 * (from {@link ConntrackMonitor}) that events were lost.
 */
public sealed interface ConntrackEvent {

    /** What happened to the entry. Dump replies come as {@link #UPDATE}. */
    enum Kind { NEW, UPDATE, DESTROY }

    /**
     * @param portId the netlink port id of the socket whose request caused the change, or 0
     *               when the kernel made it (traffic, a timeout): how a program tells its own
     *               changes from everyone else's
     */
    record Change(Kind kind, Conntrack entry, int portId) implements ConntrackEvent {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** A message that is not a well-formed conntrack entry: dropped and counted, never thrown. */
    record Rejected(CtnlRejection reason) implements ConntrackEvent {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The kernel dropped events (the socket's buffer was full): read the table again. */
    record Overrun() implements ConntrackEvent {
    }
}
