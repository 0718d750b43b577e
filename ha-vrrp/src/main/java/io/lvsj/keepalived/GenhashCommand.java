package io.lvsj.keepalived;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.probe.Genhash;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keepalived-j -T} ({@code --genhash}): keepalived's genhash mode, with its options,
 * messages and exit statuses. It fetches a url exactly as HTTP_GET/SSL_GET do and prints the
 * MD5 digest a {@code digest} line needs ({@link Genhash}). As in keepalived, only bad options
 * exit 1; a server that cannot be reached prints why and exits 0.
 *
 * <p>Differences: keepalived has no timeout unless {@code -t} gives one; here it defaults to
 * {@value #DEFAULT_TIMEOUT_SECONDS} s so the command always ends. {@code -v} prints the
 * response time, not keepalived's hex dumps.
 */
final class GenhashCommand {
    static final int DEFAULT_TIMEOUT_SECONDS = 10;

    /** What the command line asked for. */
    record Request(InetAddress server, int port, String url, boolean ssl, boolean sni, Optional<String> virtualhost,
                   CheckSpec.HttpVersion version, int fwmark, Duration timeout, boolean verbose) {
    }

    private static final Map<String, String> LONG = Map.ofEntries(Map.entry("help", "h"), Map.entry("verbose", "v"),
            Map.entry("use-ssl", "S"), Map.entry("use-sni", "I"), Map.entry("server", "s"),
            Map.entry("use-virtualhost", "V"), Map.entry("port", "p"), Map.entry("url", "u"), Map.entry("fwmark", "m"),
            Map.entry("protocol", "P"), Map.entry("timeout", "t"));
    private static final String WITH_ARGUMENT = "sVpumPt";

    private GenhashCommand() {
    }

    /** Runs genhash with the arguments that follow {@code -T}; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Optional<Request> request = parse(args, err);
        if (request.isEmpty()) {
            usage(err);
            return 1;
        }
        Request r = request.get();
        Endpoint endpoint = Endpoint.of(r.server(), r.port()).withConnectTimeout(r.timeout()).withFwmark(r.fwmark());
        long started = System.nanoTime();
        Genhash.Result result = Genhash.run(NetworkContext.host(), endpoint, r.url(), r.ssl(), r.sni(), r.version(),
                r.virtualhost());
        switch (result) {
            case Genhash.Digest d -> out.println(d.line());
            case Genhash.Failure f -> out.println(f.line());
        }
        if (r.verbose()) {
            out.println("\nGlobal response time for [" + r.url() + "] = " + (System.nanoTime() - started) / 1000
                    + " usecs");
        }
        return 0;
    }

    /**
     * keepalived's genhash command line (getopt-style: {@code -s X}, {@code -sX}, {@code --server X},
     * {@code --server=X}). Problems are printed as keepalived prints them; empty means "print the
     * usage and exit 1".
     */
    static Optional<Request> parse(List<String> args, PrintStream err) {
        InetAddress server = null;
        Integer port = null;
        String url = null;
        boolean ssl = false;
        boolean sni = false;
        boolean verbose = false;
        Optional<String> vhost = Optional.empty();
        CheckSpec.HttpVersion version = CheckSpec.HttpVersion.HTTP_1_0;
        int fwmark = 0;
        Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        boolean bad = false;
        if (args.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option;
            String value = null;
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                option = LONG.get(name);
                if (option == null) {
                    err.println("Unknown option " + arg);
                    bad = true;
                    continue;
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                option = arg.substring(1, 2);
                if (arg.length() > 2) {
                    value = arg.substring(2);
                }
                if (!LONG.containsValue(option)) {
                    err.println("Unknown option -" + option);
                    bad = true;
                    continue;
                }
            } else {
                err.println("Unexpected argument(s): " + String.join(" ", args.subList(i, args.size())));
                return Optional.empty();
            }
            boolean takesValue = WITH_ARGUMENT.contains(option);
            if (takesValue && value == null) {
                if (i + 1 >= args.size()) {
                    err.println(arg.startsWith("--") ? "Missing parameter for option " + arg
                            : "Missing parameter for option -" + option);
                    bad = true;
                    continue;
                }
                value = args.get(++i);
            }
            switch (option) {
                case "h" -> bad = true;
                case "v" -> verbose = true;
                case "S" -> ssl = true;
                case "I" -> sni = true;
                case "s" -> {
                    server = address(value);
                    if (server == null) {
                        err.println("server should be an IP, not " + value);
                        return Optional.empty();
                    }
                }
                case "V" -> vhost = Optional.of(value);
                case "p" -> {
                    port = number(value);
                    if (port == null || port <= 0 || port > 65535) {
                        err.println("invalid port number '" + value + "'");
                        return Optional.empty();
                    }
                }
                case "u" -> url = value;
                case "m" -> {
                    Long mark = unsigned(value.stripLeading());
                    if (mark == null || mark > 0xffffffffL) {
                        err.println("invalid fwmark '" + value + "'");
                        return Optional.empty();
                    }
                    fwmark = (int) (long) mark;
                }
                case "P" -> {
                    switch (value) {
                        case "1.0" -> version = CheckSpec.HttpVersion.HTTP_1_0;
                        case "1.0c", "1.0C" -> version = CheckSpec.HttpVersion.HTTP_1_0C;
                        case "1.1" -> version = CheckSpec.HttpVersion.HTTP_1_1;
                        default -> {
                            err.println("invalid HTTP protocol version '" + value + "'");
                            return Optional.empty();
                        }
                    }
                }
                case "t" -> {
                    Long seconds = unsigned(value.stripLeading());
                    if (seconds == null) {
                        err.println("invalid timeout '" + value + "'");
                        return Optional.empty();
                    }
                    timeout = seconds == 0 ? Duration.ofMillis(1) : Duration.ofSeconds(seconds);
                }
                default -> throw new IllegalStateException(option);
            }
        }
        if (bad || server == null || port == null || url == null) {
            return Optional.empty();
        }
        return Optional.of(new Request(server, port, url, ssl, sni, vhost, version, fwmark, timeout, verbose));
    }

    /** A numeric IPv4 or IPv6 address (never a host name, as keepalived's inet_stosockaddr). */
    private static InetAddress address(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Integer number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long unsigned(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static void usage(PrintStream err) {
        err.print("""
                Usage: keepalived-j --genhash COMMAND [OPTIONS]
                Commands:
                   -s server-address -p port -u url
                   -S -s server-address -p port -u url
                   -h

                Options:
                Either long or short options are allowed.
                   --use-ssl         -S       Use SSL connection to remote server.
                   --use-sni         -I       Use SNI during SSL handshake (uses virtualhost setting; see -V).
                   --server          -s       Use the specified remote server address.
                   --port            -p       Use the specified remote server port.
                   --url             -u       Use the specified remote server url.
                   --use-virtualhost -V       Use the specified virtualhost in GET query.
                   --verbose         -v       Use verbose mode output.
                   --help            -h       Display this short inlined help screen.
                   --fwmark          -m       Use the specified FW mark.
                   --protocol        -P       Use the specified HTTP protocol - '1.0', 1.0c', '1.1'.
                                                1.0c means 1.0 with 'Connection: close'
                   --timeout         -t       Timeout in seconds
                """);
    }
}
