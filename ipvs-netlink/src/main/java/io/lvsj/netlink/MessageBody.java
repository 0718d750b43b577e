package io.lvsj.netlink;

/** Writes the payload of one request (after the netlink header) into a {@link MessageWriter}. */
@FunctionalInterface
public interface MessageBody {
    void write(MessageWriter writer);
}
