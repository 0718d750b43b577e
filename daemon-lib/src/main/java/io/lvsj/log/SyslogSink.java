package io.lvsj.log;

import io.lvsj.sys.LibC;
import io.lvsj.sys.Sockaddr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The local syslog socket ({@code /dev/log}, a Unix datagram socket) in the classic BSD format
 * keepalived's syslog(3) calls produce: {@code <30>Nov 21 10:26:39 Keepalived_vrrp[1234]: message}.
 * A missing syslog daemon drops the lines silently, as syslog(3) does.
 */
final class SyslogSink extends LogSink {
    private static final int MAX_DATAGRAM = 2048;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final int facility;
    private final long pid = ProcessHandle.current().pid();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment address;
    private final MemorySegment buffer = arena.allocate(MAX_DATAGRAM);
    private int fd = -1;

    SyslogSink(Path socket, int facility) {
        super("log-syslog");
        this.facility = facility;
        this.address = Sockaddr.unix(arena, socket.toString());
    }

    @Override
    void write(LogLine line) {
        byte[] bytes = ("<" + (facility * 8 + severity(line)) + ">" + STAMP.format(Instant.ofEpochMilli(line.millis()))
                + " " + line.ident() + "[" + pid + "]: " + line.message()).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_DATAGRAM);
        MemorySegment.copy(bytes, 0, buffer, JAVA_BYTE, 0, length);
        if (fd < 0) {
            fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        }
        LibC.trySendto(fd, buffer, length, 0, address); // no syslog daemon: the line is lost, as with syslog(3)
    }

    /** keepalived logs its lines, detail ones included, at LOG_INFO; warnings and errors as such. */
    private static int severity(LogLine line) {
        return switch (line.level()) {
            case ERROR -> 3;
            case WARN -> 4;
            case INFO, DEBUG, TRACE -> 6;
        };
    }
}
