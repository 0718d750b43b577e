package io.lvsj.keepalived.check.net;

import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A file opened read-write and non-blocking ({@code O_RDWR|O_NONBLOCK}), for notify FIFOs: a
 * write never waits for a reader, and what does not fit is dropped, as keepalived does. The
 * JDK cannot open a file non-blocking.
 */
public final class NonBlockingFile implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle WRITE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("write").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.captureCallState("errno"));

    private final int fd;

    private NonBlockingFile(int fd) {
        this.fd = fd;
    }

    public static NonBlockingFile open(String path) {
        return new NonBlockingFile(LibC.open(path, O_RDWR | O_NONBLOCK | LibC.O_CLOEXEC));
    }

    /** Writes {@code bytes} at once; returns false when they did not fit (nothing is then written). */
    public boolean write(byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment buffer = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
            long n = (long) WRITE.invokeExact(capture, fd, buffer, (long) bytes.length);
            if (n < 0) {
                int errno = (int) ERRNO.get(capture, 0L);
                if (errno == Errno.EAGAIN.number()) {
                    return false;
                }
                throw new ErrnoException("write", errno);
            }
            return n == bytes.length;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
