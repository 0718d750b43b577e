package io.lvsj.keepalived.config;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** A health check of a real server: one of keepalived's checker blocks. */
public sealed interface Checker {

    Location location();

    /** {@code TCP_CHECK}: a connect within the timeout. */
    record TcpCheck(Location location, Connection connection, CheckerTiming timing) implements Checker {
    }

    /** {@code HTTP_GET} and {@code SSL_GET}: requests for {@code urls}, each checked for status, digest or regex. */
    record HttpGet(Location location, boolean ssl, Connection connection, CheckerTiming timing,
                   HttpProtocol protocol, Optional<String> virtualhost, boolean enableSni, boolean fastRecovery,
                   List<Url> urls) implements Checker {
        public HttpGet {
            urls = List.copyOf(urls);
        }
    }

    /** {@code http_protocol}: 1.0 (default), 1.0C (1.0 with Connection: close) or 1.1. */
    enum HttpProtocol { HTTP_1_0, HTTP_1_0C, HTTP_1_1 }

    /** A {@code url} block: path, accepted statuses (default 200-299), MD5 digest, regex. */
    record Url(String path, Optional<String> digest, List<StatusRange> statusCodes, Optional<String> virtualhost,
               Optional<String> regex, boolean regexNoMatch, List<String> regexOptions, long regexMinOffset,
               long regexMaxOffset, Optional<StackSize> regexStack) {
        public Url {
            statusCodes = List.copyOf(statusCodes);
            regexOptions = List.copyOf(regexOptions);
        }
    }

    /** An inclusive range of HTTP status codes. */
    record StatusRange(int from, int to) {
    }

    /** {@code regex_stack START MAX}. */
    record StackSize(long start, long max) {
    }

    /** {@code MISC_CHECK}: a script; exit 0 up, 1 down, with {@code misc_dynamic} 2-255 up with weight exit-2. */
    record MiscCheck(Location location, Script script, Duration timeout, boolean dynamic, CheckerTiming timing)
            implements Checker {
    }

    /** {@code SMTP_CHECK}: an SMTP dialogue up to HELO. */
    record SmtpCheck(Location location, Connection connection, CheckerTiming timing, String heloName) implements Checker {
    }

    /** {@code DNS_CHECK}: a query of {@code type} for {@code name} over UDP. */
    record DnsCheck(Location location, Connection connection, CheckerTiming timing, String type, String name)
            implements Checker {
    }

    /** {@code UDP_CHECK}: a datagram, and optionally a reply matching a pattern (nibbles of the mask set = wildcard). */
    record UdpCheck(Location location, Connection connection, CheckerTiming timing, Optional<Bytes> payload,
                    boolean requireReply, Optional<Bytes> reply, Optional<Bytes> replyMask, int minReplyLength,
                    int maxReplyLength) implements Checker {
    }

    /** {@code PING_CHECK}: an ICMP echo. */
    record PingCheck(Location location, Connection connection, CheckerTiming timing) implements Checker {
    }

    /** {@code FILE_CHECK}: the weight read from a {@code track_file}. */
    record FileCheck(Location location, String trackFile, int weight, boolean reverse) implements Checker {
    }

    /** {@code BFD_CHECK}: the state of a {@code bfd_instance}. */
    record BfdCheck(Location location, String bfdInstance, boolean alpha) implements Checker {
    }

    /** Bytes with value equality, for payloads. */
    record Bytes(String hex) {
        public static Bytes of(byte[] bytes) {
            return new Bytes(HexFormat.of().formatHex(bytes));
        }

        public byte[] toArray() {
            return HexFormat.of().parseHex(hex);
        }
    }
}
