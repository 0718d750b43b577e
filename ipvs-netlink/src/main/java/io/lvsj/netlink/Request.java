package io.lvsj.netlink;

import java.util.Objects;

/**
 * One request of a batch: its message type, extra header flags (the channel adds
 * {@code NLM_F_REQUEST} and, where it needs one, {@code NLM_F_ACK}) and its payload.
 */
public record Request(int type, int flags, MessageBody body) {
    public Request {
        Objects.requireNonNull(body, "body");
    }
}
