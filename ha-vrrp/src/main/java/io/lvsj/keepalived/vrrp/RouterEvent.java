package io.lvsj.keepalived.vrrp;

/** Notifications that are not state changes (keepalived's {@code VRRP_EVENT_*}). */
public enum RouterEvent {
    /** A master heard a lower priority: {@code notify_master_rx_lower_pri}, FIFO {@code MASTER_RX_LOWER_PRI}. */
    MASTER_RX_LOWER_PRI,
    /** The effective priority changed ({@code notify_priority_changes}): {@code MASTER_PRIORITY}/{@code BACKUP_PRIORITY}. */
    PRIORITY_CHANGE
}
