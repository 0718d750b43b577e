package io.lvsj.netlink;

import io.lvsj.sys.Errno;

/**
 * One request of a batch that the kernel refused.
 *
 * @param index         its position in the batch (0-based)
 * @param errno         the positive errno
 * @param kernelMessage the kernel's extended-ack text, or {@code null}
 */
public record BatchFailure(int index, int errno, String kernelMessage) {

    public Errno errnoValue() {
        return Errno.of(errno);
    }
}
