package io.lvsj.syncd.wire;

/**
 * Why a sync datagram (from a kernel or from a cluster peer) was dropped whole. The daemon
 * counts each reason; nothing of a rejected datagram is relayed or reaches a kernel.
 */
public enum Rejection {
    TOO_SHORT("shorter than the 8-byte sync header"),
    SIZE_MISMATCH("header size differs from the datagram's length"),
    NOT_VERSION_1("not a sync version 1 message (version 0 is not relayed)"),
    NO_CONNECTIONS("no connection records"),
    RECORD_TRUNCATED("a connection record runs past the end of the datagram"),
    RECORD_VERSION("a connection record has an unknown version"),
    ADDRESS_TYPE("a connection record has an unknown address type"),
    RECORD_TOO_SHORT("a connection record is shorter than its addresses"),
    OPTION_TRUNCATED("an option runs past the end of its record"),
    OPTION_INVALID("an option has a bad length or appears twice"),
    OPTION_UNKNOWN("a record carries an unknown mandatory option"),
    PROTOCOL("a record names a protocol IPVS does not balance"),
    FLAGS("a record has flags a backup refuses (one-packet, or a template without client port)"),
    TRAILING_BYTES("bytes after the last connection record"),
    CLUSTER_FORMAT("not an lvs-syncd cluster message of a version this one reads");

    private final String text;

    Rejection(String text) {
        this.text = text;
    }

    /** What is wrong, in words, for logs and the status dump. */
    public String text() {
        return text;
    }

    /** The reason as a counter label: "size_mismatch". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
