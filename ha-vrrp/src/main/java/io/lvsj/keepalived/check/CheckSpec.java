package io.lvsj.keepalived.check;

import io.lvsj.keepalived.check.net.Endpoint;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One health check of a real server, as configured: one of keepalived's checker blocks with
 * every default already resolved. Values: two specs that are equal check the same thing, which
 * is how a reload decides that a checker (and its up/down state) carries over.
 */
public sealed interface CheckSpec {

    /** keepalived's name for the block, as its logs use it ({@code TCP_CHECK}). */
    String keyword();

    /** A check run on a timer (every kind but {@link File}, which follows a file, and {@link Bfd}, a session). */
    sealed interface Scheduled extends CheckSpec {
        CheckTiming timing();
    }

    /** A check that talks to a network endpoint. */
    sealed interface Networked extends Scheduled {
        Endpoint endpoint();
    }

    /** {@code TCP_CHECK}: a connection is accepted within {@code connect_timeout}. */
    record Tcp(Endpoint endpoint, CheckTiming timing) implements Networked {
        @Override
        public String keyword() {
            return "TCP_CHECK";
        }
    }

    /** {@code http_protocol}: 1.0 (default), 1.0C (1.0 with Connection: close) or 1.1 (with Connection: close). */
    enum HttpVersion { HTTP_1_0, HTTP_1_0C, HTTP_1_1 }

    /**
     * {@code HTTP_GET} and {@code SSL_GET}: each {@code url} in turn must answer with an accepted
     * status (and digest, and regex).
     *
     * @param virtualhost  the Host header when a url sets none (checker, else real server, else
     *                     virtual server {@code virtualhost}); empty: the address and port
     * @param sniName      the TLS server name when {@code enable_sni} is set and a url sets no
     *                     virtualhost (checker, else virtual server {@code virtualhost}, as keepalived does)
     * @param fastRecovery re-check at once while the server is down without a known failed url
     */
    record Http(Endpoint endpoint, CheckTiming timing, boolean ssl, HttpVersion version,
                Optional<String> virtualhost, boolean enableSni, Optional<String> sniName, boolean fastRecovery,
                List<HttpUrl> urls) implements Networked {
        public Http {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(virtualhost, "virtualhost");
            Objects.requireNonNull(sniName, "sniName");
            urls = List.copyOf(urls);
        }

        @Override
        public String keyword() {
            return ssl ? "SSL_GET" : "HTTP_GET";
        }
    }

    /**
     * A {@code url} block.
     *
     * @param digest    MD5 of the body as lowercase hex, as {@code genhash} prints it
     * @param regex     a pattern the body must (or, with {@code regexNoMatch}, must not) contain,
     *                  searched between {@code regexMinOffset} and {@code regexMaxOffset} (0 = end)
     */
    record HttpUrl(String path, Optional<String> digest, StatusCodes statusCodes, Optional<String> virtualhost,
                   Optional<String> regex, boolean regexNoMatch, int regexMinOffset, int regexMaxOffset) {
        public HttpUrl {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(statusCodes, "statusCodes");
            digest = digest.map(d -> d.toLowerCase(java.util.Locale.ROOT));
        }

        /** A url accepting 200-299, with no digest, virtualhost or regex. */
        public static HttpUrl of(String path) {
            return new HttpUrl(path, Optional.empty(), StatusCodes.DEFAULT, Optional.empty(), Optional.empty(),
                    false, 0, 0);
        }

        public HttpUrl withDigest(String md5) {
            return new HttpUrl(path, Optional.of(md5), statusCodes, virtualhost, regex, regexNoMatch,
                    regexMinOffset, regexMaxOffset);
        }

        public HttpUrl withStatusCodes(StatusCodes codes) {
            return new HttpUrl(path, digest, codes, virtualhost, regex, regexNoMatch, regexMinOffset, regexMaxOffset);
        }

        public HttpUrl withVirtualhost(String host) {
            return new HttpUrl(path, digest, statusCodes, Optional.of(host), regex, regexNoMatch, regexMinOffset,
                    regexMaxOffset);
        }

        public HttpUrl withRegex(String pattern, boolean noMatch) {
            return new HttpUrl(path, digest, statusCodes, virtualhost, Optional.of(pattern), noMatch, regexMinOffset,
                    regexMaxOffset);
        }
    }

    /**
     * {@code MISC_CHECK}: a program, run directly (no shell); exit 0 = up, 1 = down, and with
     * {@code misc_dynamic} 2..255 = up with weight exit-2.
     *
     * @param timeout {@code misc_timeout}, else the virtual server's {@code delay_loop}
     * @param group   {@code user USER GROUP}'s group (or {@code script_user}'s), else the user's primary group
     */
    record Misc(List<String> command, Optional<String> user, Optional<String> group, Duration timeout, boolean dynamic,
                CheckTiming timing) implements Scheduled {
        public Misc {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("misc_path needs a program");
            }
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** With the user's primary group. */
        public Misc(List<String> command, Optional<String> user, Duration timeout, boolean dynamic, CheckTiming timing) {
            this(command, user, Optional.empty(), timeout, dynamic, timing);
        }

        @Override
        public String keyword() {
            return "MISC_CHECK";
        }
    }

    /** keepalived's default {@code helo_name}. */
    String DEFAULT_HELO_NAME = "smtpchecker.keepalived.org";

    /** {@code SMTP_CHECK}: a 220 banner, 250 to {@code HELO heloName}, then QUIT. */
    record Smtp(Endpoint endpoint, CheckTiming timing, String heloName) implements Networked {
        public Smtp {
            Objects.requireNonNull(heloName, "heloName");
        }

        @Override
        public String keyword() {
            return "SMTP_CHECK";
        }
    }

    /** {@code DNS_CHECK}: a recursive query of {@code type} for {@code name} over UDP is answered without error. */
    record Dns(Endpoint endpoint, CheckTiming timing, DnsType type, String name) implements Networked {
        public Dns {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String keyword() {
            return "DNS_CHECK";
        }
    }

    /** The query types {@code DNS_CHECK} accepts, with their numbers. Default SOA. */
    enum DnsType {
        A(1), NS(2), CNAME(5), SOA(6), MX(15), TXT(16), AAAA(28), RRSIG(46), DNSKEY(48);

        private final int number;

        DnsType(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }
    }

    /**
     * {@code UDP_CHECK}: a datagram is sent; the check fails on an ICMP error, and, with
     * {@code requireReply}, without a reply whose length is within bounds and whose leading
     * bytes match {@code reply} where {@code replyMask} bits are clear.
     *
     * @param payload empty: keepalived's default 32 bytes
     */
    record Udp(Endpoint endpoint, CheckTiming timing, Octets payload, boolean requireReply, Octets reply,
               Octets replyMask, int minReplyLength, int maxReplyLength) implements Networked {
        public Udp {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(replyMask, "replyMask");
            if (!replyMask.isEmpty() && replyMask.length() != reply.length()) {
                throw new IllegalArgumentException("reply mask must be as long as the reply");
            }
        }

        /** No payload, no reply required. */
        public static Udp of(Endpoint endpoint, CheckTiming timing) {
            return new Udp(endpoint, timing, Octets.EMPTY, false, Octets.EMPTY, Octets.EMPTY, 0, 255);
        }

        @Override
        public String keyword() {
            return "UDP_CHECK";
        }
    }

    /** {@code PING_CHECK}: an ICMP (or ICMPv6) echo is answered. */
    record Ping(Endpoint endpoint, CheckTiming timing) implements Networked {
        @Override
        public String keyword() {
            return "PING_CHECK";
        }
    }

    /**
     * {@code FILE_CHECK}: the number in a {@code track_file} decides. With weight 0 the server is
     * down while the number is non-zero (zero, with {@code reverse}); otherwise number x weight
     * (negated with {@code reverse}) is added to the server's weight.
     */
    record File(String trackFile, java.nio.file.Path path, int weight, boolean reverse) implements CheckSpec {
        public File {
            Objects.requireNonNull(trackFile, "trackFile");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String keyword() {
            return "FILE_CHECK";
        }
    }

    /**
     * {@code BFD_CHECK}: the server is up while the {@code bfd_instance} named {@code session} is
     * Up, as the BFD process reports it; nothing is scheduled. Two with the same session are the
     * same checker whatever their {@code alpha} (keepalived's {@code compare_bfd_check}), so a
     * reload keeps its state.
     *
     * @param alpha start down until the session is first reported
     */
    record Bfd(String session, boolean alpha) implements CheckSpec {
        public Bfd {
            Objects.requireNonNull(session, "session");
        }

        @Override
        public String keyword() {
            return "BFD_CHECK";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bfd b && b.session.equals(session);
        }

        @Override
        public int hashCode() {
            return session.hashCode();
        }
    }

    /** The address a check of this kind talks to, or empty for scripts, files and BFD sessions. */
    default Optional<InetAddress> target() {
        return this instanceof Networked n ? Optional.of(n.endpoint().address()) : Optional.empty();
    }
}
