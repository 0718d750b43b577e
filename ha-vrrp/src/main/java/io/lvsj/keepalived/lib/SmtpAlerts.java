package io.lvsj.keepalived.lib;

import io.lvsj.keepalived.config.GlobalDefs;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * keepalived's e-mail alerts ({@code smtp.c}): one SMTP conversation per alert, each on a
 * thread of its own so a slow server never holds up VRRP or a check. The dialogue is
 * keepalived's byte for byte: {@code HELO}, {@code MAIL FROM:<..>}, one {@code RCPT TO:<..>}
 * per address, {@code DATA}, then {@code Date}, {@code From}, {@code Subject: [router_id] ..},
 * {@code X-Mailer: Keepalived} and {@code To} (every address, comma separated), the body and
 * the end of data, then {@code QUIT}; an unexpected reply code skips to {@code QUIT}. Failures
 * are logged with keepalived's lines ("SMTP connection ERROR to [192.0.2.1]:25.").
 */
public final class SmtpAlerts {
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ROOT);
    /** keepalived's MAX_HEADERS_LENGTH and MAX_BODY_LENGTH, less their NUL. */
    private static final int SUBJECT_MAX = 255;
    private static final int BODY_MAX = 511;

    /**
     * Where alerts go and as whom.
     *
     * @param server   {@code smtp_server} and its port
     * @param helo     {@code smtp_helo_name}, else the host's name
     * @param from     {@code notification_email_from}, else USER@host
     * @param to       {@code notification_email}
     * @param routerId {@code router_id}, the subject's tag
     * @param timeout  {@code smtp_connect_timeout}: for connecting and for each reply
     */
    public record Settings(InetSocketAddress server, String helo, String from, List<String> to, String routerId,
                           Duration timeout) {
        public Settings {
            to = List.copyOf(to);
        }

        /**
         * The settings {@code n} gives, or empty when keepalived sends nothing (no
         * {@code notification_email} or no {@code smtp_server}). {@code hostName} is the host's
         * canonical name and {@code user} our account's name (keepalived's defaults for
         * {@code smtp_helo_name} and {@code notification_email_from}).
         */
        public static Optional<Settings> of(GlobalDefs.Notification n, String hostName, String user) {
            if (n.emails().isEmpty() || n.smtpServer().isEmpty()) {
                return Optional.empty();
            }
            InetSocketAddress server = InetSocketAddress.createUnresolved(n.smtpServer().get(), n.smtpPort());
            return Optional.of(new Settings(server, n.smtpHeloName().orElse(hostName),
                    n.emailFrom().orElse(user + "@" + hostName), n.emails(), n.routerId(), n.smtpConnectTimeout()));
        }
    }

    private final Settings settings;
    private final Logger log;
    private final Clock clock;
    private final ExecutorService threads;

    /**
     * @param log     a sent alert is logged at debug, as keepalived logs it only with {@code -D}
     * @param clock   for the Date header (the host's zone, as keepalived's localtime)
     * @param threads where each conversation runs: platform threads in the daemon's namespace
     */
    public SmtpAlerts(Settings settings, Logger log, Clock clock, ExecutorService threads) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.threads = threads;
    }

    /**
     * The alerts {@code notification} asks for on this host (its name and our account's are
     * the defaults of smtp_helo_name and notification_email_from), or empty when it sends none.
     */
    public static Optional<SmtpAlerts> of(GlobalDefs.Notification notification, Logger log, ExecutorService threads) {
        if (notification == null) {
            return Optional.empty();
        }
        return Settings.of(notification, new io.lvsj.keepalived.host.SystemHost(null).hostname(),
                System.getProperty("user.name", "root")).map(s -> new SmtpAlerts(s, log, Clock.systemDefaultZone(), threads));
    }

    /** Where the conversations run: platform threads in {@code namespace} (null: ours), one each. */
    public static ExecutorService threads(io.lvsj.sys.NetNamespace namespace) {
        return java.util.concurrent.Executors.newCachedThreadPool(new NamespaceThreads(namespace, "smtp-alert"));
    }

    /**
     * At stop: no new conversation, and 2 s for those under way (the stop's own alerts, which
     * keepalived's exit cuts off after connecting).
     */
    public static void finish(ExecutorService threads) {
        threads.shutdown();
        try {
            threads.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A VRRP instance's alert: "[router_id] VRRP Instance VI_1 - Entering MASTER state". */
    public void vrrpInstance(String name, String subject, String body) {
        send("[" + settings.routerId() + "] VRRP Instance " + name + " - " + subject, body);
    }

    /** A sync group's alert: "[router_id] VRRP Group G - Entering MASTER state". */
    public void vrrpGroup(String name, String subject, String body) {
        send("[" + settings.routerId() + "] VRRP Group " + name + " - " + subject, body);
    }

    /** A real server's alert: "[router_id] Realserver [rs]:tcp:80 of virtual server [vs]:tcp:80 - UP". */
    public void realServer(String realServer, String virtualServer, boolean alive, String body) {
        send("[" + settings.routerId() + "] Realserver " + realServer + " of virtual server " + virtualServer + " - "
                + (alive ? "UP" : "DOWN"), body);
    }

    /** A virtual server's quorum alert: "[router_id] Virtualserver [vs]:tcp:80 - DOWN". */
    public void virtualServer(String virtualServer, boolean up, String body) {
        send("[" + settings.routerId() + "] Virtualserver " + virtualServer + " - " + (up ? "UP" : "DOWN"), body);
    }

    /** Sends one alert in the background, as keepalived's {@code smtp_alert}. */
    public void send(String subject, String body) {
        String message = headers(clip(subject, SUBJECT_MAX)) + clip(body, BODY_MAX) + "\r\n" + "\r\n.\r\n";
        try {
            threads.execute(() -> converse(message));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the alert is dropped, as keepalived's is when it exits
        }
    }

    private String headers(String subject) {
        return "Date: " + RFC822.format(ZonedDateTime.now(clock)) + "\r\nFrom: " + settings.from() + "\r\nSubject: "
                + subject + "\r\nX-Mailer: Keepalived\r\nTo: " + String.join(", ", settings.to()) + "\r\n\r\n";
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** The stages after connecting, with the reply each expects and its name in keepalived's error line. */
    private enum Stage {
        GREETING(220, "(E)SMTP"), HELO(250, "HELO"), MAIL(250, "MAIL"), RCPT(250, "RCPT"), DATA(354, "DATA"),
        BODY(250, "BODY"), QUIT(221, "QUIT");

        final int expected;
        final String word;

        Stage(int expected, String word) {
            this.expected = expected;
            this.word = word;
        }
    }

    private void converse(String message) {
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(settings.server().getHostString()),
                    settings.server().getPort());
        } catch (IOException e) {
            log.info("SMTP connection ERROR to " + settings.server().getHostString() + ".");
            return;
        }
        String host = host(server);
        int millis = (int) Math.max(1, settings.timeout().toMillis());
        try (Socket socket = new Socket()) {
            try {
                socket.connect(server, millis);
            } catch (SocketTimeoutException e) {
                log.info("Timeout opening connection to remote SMTP server " + host + ".");
                return;
            } catch (IOException e) {
                log.info("SMTP connection ERROR to " + host + ".");
                return;
            }
            socket.setSoTimeout(millis);
            Replies replies = new Replies(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Stage stage = Stage.GREETING;
            int recipient = 0;
            while (true) {
                int status;
                try {
                    status = replies.next();
                } catch (SocketTimeoutException e) {
                    log.info("Timeout reading data to remote SMTP server " + host + ".");
                    if (stage == Stage.QUIT) {
                        return;
                    }
                    stage = Stage.QUIT;
                    out.write(command(stage, message, recipient));
                    continue;
                }
                if (status < 0) {
                    log.info("Remote SMTP server " + host + " has closed the connection.");
                    return;
                }
                if (status == stage.expected) {
                    if (stage == Stage.QUIT) {
                        return;
                    }
                    if (stage == Stage.BODY) {
                        log.debug("SMTP alert successfully sent.");
                    }
                    if (stage == Stage.RCPT && ++recipient < settings.to().size()) {
                        out.write(command(stage, message, recipient));
                        continue;
                    }
                    stage = Stage.values()[stage.ordinal() + 1];
                } else {
                    log.info("Error processing " + stage.word + " cmd on SMTP server " + host
                            + ". SMTP status code = " + status);
                    if (stage == Stage.QUIT) {
                        return;
                    }
                    stage = Stage.QUIT;
                }
                out.write(command(stage, message, recipient));
            }
        } catch (IOException e) {
            log.info("Cannot send data to remote SMTP server " + host + ".");
        }
    }

    private byte[] command(Stage stage, String message, int recipient) {
        String text = switch (stage) {
            case GREETING -> throw new IllegalStateException("nothing is sent before the greeting");
            case HELO -> "HELO " + settings.helo() + "\r\n";
            case MAIL -> "MAIL FROM:<" + settings.from() + ">\r\n";
            case RCPT -> "RCPT TO:<" + settings.to().get(recipient) + ">\r\n";
            case DATA -> "DATA\r\n";
            case BODY -> message;
            case QUIT -> "QUIT\r\n";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** keepalived's {@code inet_sockaddrtopair}: {@code [192.0.2.1]:25}. */
    private static String host(InetSocketAddress a) {
        return "[" + io.lvsj.text.InetText.ntop(a.getAddress().getAddress()) + "]:" + a.getPort();
    }

    /**
     * An SMTP server's replies as keepalived reads them: lines end in CRLF, a line whose fourth
     * character is '-' continues the reply, the code is the first three digits of the line that ends it.
     */
    private static final class Replies {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Replies(InputStream in) {
            this.in = in;
        }

        /** The next reply's code; -1 when the server closed the connection. */
        int next() throws IOException {
            while (true) {
                line.reset();
                int previous = -1;
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        return -1;
                    }
                    line.write(b);
                    if (previous == '\r' && b == '\n') {
                        break;
                    }
                    previous = b;
                }
                byte[] l = line.toByteArray();
                if (l.length > 3 && l[3] == '-') {
                    continue;
                }
                return l.length < 5 ? 0 : (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
            }
        }
    }
}
