package io.lvsj.ipvs;

/** The role of a kernel connection-sync daemon ({@code IP_VS_STATE_*}). */
public enum DaemonState {
    MASTER(1),
    BACKUP(2);

    private final int number;

    DaemonState(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static DaemonState ofNumber(int number) {
        return switch (number) {
            case 1 -> MASTER;
            case 2 -> BACKUP;
            default -> throw new IllegalArgumentException("unknown sync daemon state " + number);
        };
    }

    /** "master" or "backup", as ipvsadm writes it. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
