package io.lvsj.ipvs;

import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;

/**
 * A command of a batch that the kernel refused.
 *
 * @param index         its position in the batch (0-based)
 * @param command       the command
 * @param errno         the positive errno
 * @param kernelMessage the kernel's extended-ack text, or {@code null}
 */
public record CommandFailure(int index, IpvsCommand command, int errno, String kernelMessage) {

    public Errno errnoValue() {
        return Errno.of(errno);
    }

    /** The failure as an exception, whose message names the object and the errno. */
    public NetlinkException toException() {
        return new NetlinkException(command.describe(), errno, kernelMessage);
    }

    @Override
    public String toString() {
        return "#" + index + " " + toException().getMessage();
    }
}
