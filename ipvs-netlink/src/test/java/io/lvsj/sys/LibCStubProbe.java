package io.lvsj.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A program for {@link LibCStubCountTest}'s child JVM: makes every public {@link LibC} call
 * once, on a netlink socket, a UDP socket over loopback, an eventfd and this process's network
 * namespace, checking each result, and prints {@code probe ok} at the end.
 */
public final class LibCStubProbe {
    private static final int NETLINK_ROUTE = 0;
    /** Ignored by default anyway: ignoring it changes nothing for the JVM. */
    private static final int SIGURG = 23;

    private LibCStubProbe() {
    }

    public static void main(String[] args) {
        try (Arena arena = Arena.ofConfined()) {
            netlink(arena);
            udp(arena);
            eventfd(arena);
            namespace();
            check(LibC.ifNameToIndex("lo") == 1, "ifNameToIndex(lo)");
            epollAndConnect(arena);
            fifo();
            LibC.ignoreSignal(SIGURG);
            LibC.kill(ProcessHandle.current().pid(), 0); // signal 0: only whether it may be signalled
            LibC.umask(LibC.umask(022)); // set and put back
            LibC.tgkill(ProcessHandle.current().pid(), LibC.gettid(), SIGURG); // ignored: nothing happens
            check(LibC.unignoreSignal(SIGURG), "unignoreSignal found SIGURG ignored");
            check(!LibC.unignoreSignal(SIGURG), "and then no more");
        }
        System.out.println("probe ok");
    }

    private static void netlink(Arena arena) {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_ROUTE);
        try {
            MemorySegment address = arena.allocate(12, 4);
            address.set(JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
            LibC.bind(fd, address);
            check(LibC.getsockname(fd, address) == 12, "getsockname(netlink)");
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, 65536);
            LibC.setsockoptTimeval(fd, LibC.SO_RCVTIMEO, 1000);
            check(LibC.getsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF) >= 65536, "getsockopt(SO_RCVBUF)");
        } finally {
            LibC.close(fd);
        }
    }

    private static void udp(Arena arena) {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        try {
            MemorySegment self = arena.allocate(16, 4);
            self.set(JAVA_SHORT, 0, (short) LibC.AF_INET);
            self.set(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 4, 0x7f000001);
            LibC.bind(fd, self);
            LibC.getsockname(fd, self);
            LibC.connect(fd, self);
            MemorySegment buffer = arena.allocate(64);
            MemorySegment data = arena.allocateFrom("datagram", StandardCharsets.US_ASCII);
            MemorySegment rxMsg = msghdr(arena, MemorySegment.NULL, buffer, buffer.byteSize());

            check(LibC.sendto(fd, data, 8, 0, MemorySegment.NULL) == 8, "sendto");
            check(LibC.pollReadable(fd, 1000), "pollReadable");
            check(LibC.recvfrom(fd, buffer, 0) == 8, "recvfrom");
            check(LibC.sendmsg(fd, msghdr(arena, self, data, 8), 0) == 8, "sendmsg");
            check(LibC.recvmsg(fd, rxMsg, 0) == 8, "recvmsg");
            check(LibC.trySendto(fd, data, 8, 0, self) == 0, "trySendto");
            check(LibC.trySendmsg(fd, msghdr(arena, self, data, 8), 0) == 0, "trySendmsg");
            MemorySegment pollfd = arena.allocate(8, 4);
            pollfd.set(JAVA_INT, 0, fd);
            pollfd.set(JAVA_SHORT, 4, LibC.POLLIN);
            check(LibC.poll(pollfd, 1, 1000) == 1, "poll");
            check(LibC.tryRecvmsg(fd, rxMsg, LibC.MSG_DONTWAIT) == 8, "tryRecvmsg");
            check(LibC.tryRecvmsg(fd, rxMsg, LibC.MSG_DONTWAIT) == 8, "tryRecvmsg");
            check(LibC.tryRecvmsg(fd, rxMsg, LibC.MSG_DONTWAIT) == -1, "tryRecvmsg when empty");
        } finally {
            LibC.close(fd);
        }
    }

    private static void eventfd(Arena arena) {
        int fd = LibC.eventfd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        try {
            MemorySegment counter = arena.allocate(JAVA_LONG);
            counter.set(JAVA_LONG, 0, 2);
            check(LibC.tryWrite(fd, counter, 8) == 8, "write");
            check(LibC.tryRead(fd, counter, 8) == 8 && counter.get(JAVA_LONG, 0) == 2, "read");
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * A non-blocking TCP connect to a listener on loopback (the JDK's), waited for through
     * epoll: the checkers' path ({@link LibC#tryConnect}, {@link Epoll}).
     */
    private static void epollAndConnect(Arena arena) {
        int client = LibC.socket(LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, 0);
        int epfd = Epoll.create();
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            MemorySegment address = Sockaddr.of(arena, InetAddress.getLoopbackAddress(), listener.getLocalPort());
            int errno = LibC.tryConnect(client, address);
            check(errno == 0 || errno == Errno.EINPROGRESS.number(), "tryConnect: errno " + errno);
            Epoll.add(epfd, client, Epoll.EPOLLOUT | Epoll.EPOLLONESHOT, 42);
            MemorySegment events = arena.allocate(Epoll.EVENT_SIZE * 4L, 8);
            check(Epoll.await(epfd, events, 4, 1000) == 1, "epoll_wait");
            check(Epoll.tokenAt(events, 0) == 42 && (Epoll.eventsAt(events, 0) & Epoll.EPOLLOUT) != 0, "epoll event");
            Epoll.remove(epfd, client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LibC.close(epfd);
            LibC.close(client);
        }
    }

    private static void fifo() {
        try {
            Path dir = Files.createTempDirectory("probe");
            Path fifo = dir.resolve("fifo");
            LibC.mkfifo(fifo.toString(), 0600);
            check(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther(), "mkfifo made something else");
            Files.delete(fifo);
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Enters the network namespace it is already in: setns works, and nothing changes. */
    private static void namespace() {
        int fd = LibC.open("/proc/self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            LibC.setns(fd, LibC.CLONE_NEWNET);
        } finally {
            LibC.close(fd);
        }
    }

    /** A {@code struct msghdr} (LP64) with one iovec and no ancillary data (LibCTest uses it too). */
    static MemorySegment msghdr(Arena arena, MemorySegment name, MemorySegment buffer, long length) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, buffer);
        iov.set(JAVA_LONG, 8, length);
        MemorySegment msg = arena.allocate(56, 8);
        msg.set(ADDRESS, 0, name);
        msg.set(JAVA_INT, 8, (int) name.byteSize());
        msg.set(ADDRESS, 16, iov);
        msg.set(JAVA_LONG, 24, 1);
        return msg;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what + " gave an unexpected result");
        }
    }
}
