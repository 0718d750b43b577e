package io.lvsj.keepalived.vrrp.config;

import java.util.List;

/** A {@code vrrp_sync_group}: instances that are MASTER together or not at all. */
public record SyncGroupConfig(String name, List<String> members, NotifyCommands notifyCommands, boolean smtpAlert) {
    public SyncGroupConfig {
        members = List.copyOf(members);
        notifyCommands = notifyCommands == null ? NotifyCommands.NONE : notifyCommands;
    }

    /** Without {@code smtp_alert}. */
    public SyncGroupConfig(String name, List<String> members, NotifyCommands notifyCommands) {
        this(name, members, notifyCommands, false);
    }
}
