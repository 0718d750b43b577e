package io.lvsj.keepalived.check.net;

import io.lvsj.sys.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * {@code connect(2)} returning its errno instead of throwing: a non-blocking connect "fails"
 * with EINPROGRESS on every check, and an exception (with its stack trace) per check is a cost
 * the checker's hot path need not pay.
 */
final class SocketCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));
    private static final MethodHandle CONNECT = LINKER.downcallHandle(
            LINKER.defaultLookup().find("connect").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));

    private SocketCalls() {
    }

    /** 0 when connected, else the errno (EINPROGRESS for a non-blocking connect under way). */
    static int connect(int fd, MemorySegment address) {
        MemorySegment capture = CAPTURE.get();
        try {
            while (true) {
                int r = (int) CONNECT.invokeExact(capture, fd, address, (int) address.byteSize());
                if (r == 0) {
                    return 0;
                }
                int errno = (int) ERRNO.get(capture, 0L);
                if (errno != Errno.EINTR.number()) {
                    return errno;
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
