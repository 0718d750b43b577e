package io.lvsj.keepalived.bfd;

/** A BFD session state (RFC 5880 §4.1), with keepalived's names for it. */
public enum BfdState {
    ADMIN_DOWN(0, "AdminDown"), DOWN(1, "Down"), INIT(2, "Init"), UP(3, "Up");

    private final int number;
    private final String text;

    BfdState(int number, String text) {
        this.number = number;
        this.text = text;
    }

    public int number() {
        return number;
    }

    /** keepalived's {@code BFD_STATE_STR}. */
    public String text() {
        return text;
    }

    static BfdState of(int number) {
        return values()[number & 3];
    }

    /** keepalived's {@code BFD_DIAG_STR}. */
    static String diagnostic(int diag) {
        return switch (diag) {
            case 0 -> "No Diagnostic";
            case 1 -> "Control Detection Time Expired";
            case 2 -> "Echo Function Failed";
            case 3 -> "Neighbor Signaled Session Down";
            case 4 -> "Forwarding Plane Reset";
            case 5 -> "Path Down";
            case 6 -> "Concatenated Path Down";
            case 7 -> "Administratively Down";
            case 8 -> "Reverse Concatenated Path Down";
            default -> "Unknown";
        };
    }
}
