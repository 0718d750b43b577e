package io.lvsj.syncd.wire;

import java.util.List;
import java.util.Objects;

/** What decoding one sync datagram gave: its records, or the reason it was dropped. */
public sealed interface Decoded {

    /**
     * A well-formed version 1 datagram.
     *
     * @param syncId  the sender's sync id
     * @param records each connection record as a validated, unpadded entry (see {@link SyncEntry})
     */
    record Accepted(int syncId, List<byte[]> records) implements Decoded {
        public Accepted {
            Objects.requireNonNull(records, "records");
        }
    }

    /** Dropped whole; {@code at} is the byte offset where decoding stopped. */
    record Rejected(Rejection reason, int at) implements Decoded {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
