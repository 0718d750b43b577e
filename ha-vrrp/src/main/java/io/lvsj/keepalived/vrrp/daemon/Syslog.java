package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.sys.LibC;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * keepalived's default log destination: the local syslog socket ({@code /dev/log}, a Unix
 * datagram socket), facility {@code daemon} unless told otherwise, ident
 * {@code Keepalived_vrrp} (or the checkers' {@code Keepalived_healthcheckers}, the parent's
 * {@code Keepalived}), severity info, in the classic BSD format
 * ({@code <30>Nov 21 10:26:39 Keepalived_vrrp[1234]: message}). Lines are queued and sent by
 * a writer thread; a missing syslog daemon drops them silently, as syslog(3) does.
 */
public final class Syslog {
    /** LOG_DAEMON. */
    public static final int FACILITY_DAEMON = 3;
    private static final int LOG_INFO = 6;
    private static final int SOCK_DGRAM = 2;
    private static final int AF_UNIX = 1;

    private Syslog() {
    }

    /** The local syslog socket. */
    public static final Path DEV_LOG = Path.of("/dev/log");

    public static VrrpLog open(String ident, int facility, boolean detail) {
        return open(ident, facility, detail, DEV_LOG);
    }

    /** As {@link #open(String, int, boolean)}, to the datagram socket at {@code socket} (tests listen there). */
    public static VrrpLog open(String ident, int facility, boolean detail, Path socket) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
        String prefix = "<" + (facility * 8 + LOG_INFO) + ">";
        long pid = ProcessHandle.current().pid();
        Thread.ofPlatform().name("vrrp-syslog").daemon(true).start(() -> send(queue, socket));
        return new VrrpLog() {
            @Override
            public void log(String message) {
                queue.add(prefix + stamp.format(LocalDateTime.now()) + " " + ident + "[" + pid + "]: " + message);
            }

            @Override
            public boolean detail() {
                return detail;
            }

            @Override
            public void flush() {
                long deadline = System.nanoTime() + 1_000_000_000L;
                while (!queue.isEmpty() && System.nanoTime() < deadline) {
                    Thread.yield();
                }
            }
        };
    }

    private static void send(BlockingQueue<String> queue, Path socket) {
        Linker linker = Linker.nativeLinker();
        MethodHandle sendto = linker.downcallHandle(linker.defaultLookup().find("sendto").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
        int fd = LibC.socket(AF_UNIX, SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(110);
            address.set(JAVA_SHORT, 0, (short) AF_UNIX);
            byte[] path = socket.toString().getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(path, 0, address, JAVA_BYTE, 2, path.length);
            MemorySegment buffer = arena.allocate(2048);
            while (true) {
                byte[] line = queue.take().getBytes(StandardCharsets.UTF_8);
                int length = Math.min(line.length, 2048);
                MemorySegment.copy(line, 0, buffer, JAVA_BYTE, 0, length);
                long ignored = (long) sendto.invokeExact(fd, buffer, (long) length, 0, address, 2 + path.length + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // no syslog to talk to: nothing useful left to do with the lines
        } finally {
            LibC.close(fd);
        }
    }
}
