package io.lvsj.netlink;

import io.lvsj.sys.Errno;

/**
 * The kernel refused a netlink request, or could not be reached. The message names what was
 * being done and the errno, e.g. {@code "add service TCP 192.0.2.1:80: EEXIST (File exists)"},
 * plus the kernel's extended-ack text when it sent one.
 */
public class NetlinkException extends RuntimeException {
    private final String operation;
    private final int errno;
    private final String kernelMessage;

    public NetlinkException(String operation, int errno, String kernelMessage) {
        super(format(operation, errno, kernelMessage));
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public NetlinkException(String operation, int errno, String kernelMessage, Throwable cause) {
        super(format(operation, errno, kernelMessage), cause);
        this.operation = operation;
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    private static String format(String operation, int errno, String kernelMessage) {
        String text = operation + ": " + Errno.nameOf(errno) + " (" + Errno.describe(errno) + ")";
        return kernelMessage == null || kernelMessage.isEmpty() ? text : text + ": " + kernelMessage;
    }

    /** What was being done, e.g. "add service TCP 192.0.2.1:80". */
    public String operation() {
        return operation;
    }

    /** The positive errno. */
    public int errno() {
        return errno;
    }

    /** The errno as an enum constant, or {@code null} if Linux defines none by that number. */
    public Errno errnoValue() {
        return Errno.of(errno);
    }

    /** The kernel's extended-ack message, or {@code null}. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
