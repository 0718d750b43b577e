package io.lvsj.syncd.kernel;

/** Who runs the kernel's sync daemons on the sync link. */
public enum DaemonMode {
    /**
     * lvs-syncd starts a master and a backup daemon on the sync link when none runs, so every
     * director is master and backup at once (active-active, three or more directors).
     */
    MANAGE,
    /**
     * keepalived-j or keepalived ({@code lvs_sync_daemon lvsync0 VI_1}) or {@code ipvsadm
     * --start-daemon} runs them; lvs-syncd relays whatever runs on the sync link and starts nothing.
     */
    FOLLOW
}
