package io.lvsj.sys;

/**
 * A system call failed. The message names the call and the errno, for example
 * {@code "bind: EADDRINUSE (Address already in use)"}.
 */
public class ErrnoException extends RuntimeException {
    private final String call;
    private final int errno;

    public ErrnoException(String call, int errno) {
        super(call + ": " + Errno.nameOf(errno) + " (" + Errno.describe(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The system call, e.g. "socket". */
    public String call() {
        return call;
    }

    /** The positive errno number. */
    public int errno() {
        return errno;
    }

    /** The errno as an enum constant, or {@code null} for one Linux does not define. */
    public Errno errnoValue() {
        return Errno.of(errno);
    }
}
