package io.lvsj.keepalived.vrrp.config;

import java.util.List;

/**
 * The notify scripts of an instance or sync group, each a command line already split into
 * words the way keepalived splits them. {@code null} when not configured.
 */
public record NotifyCommands(List<String> master, List<String> backup, List<String> fault, List<String> stop,
                             List<String> any, List<String> masterRxLowerPri, List<String> deleted) {
    public static final NotifyCommands NONE = new NotifyCommands(null, null, null, null, null, null, null);

    /** Without a {@code notify_deleted} script. */
    public NotifyCommands(List<String> master, List<String> backup, List<String> fault, List<String> stop,
                          List<String> any, List<String> masterRxLowerPri) {
        this(master, backup, fault, stop, any, masterRxLowerPri, null);
    }
}
