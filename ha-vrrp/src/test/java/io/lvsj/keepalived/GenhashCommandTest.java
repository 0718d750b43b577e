package io.lvsj.keepalived;

import io.lvsj.keepalived.check.testserver.HttpServer;
import io.lvsj.lab.Command.Result;
import io.lvsj.lab.Command;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code keepalived-j -T} against Debian's {@code keepalived --genhash}: the same digest of the
 * same server, the same messages for bad options, the same exit statuses.
 */
class GenhashCommandTest {
    private static Result ours(String... args) {
        return InProcess.keepalivedJ(args);
    }

    private static Result keepalived(String... args) {
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/keepalived"));
        argv.addAll(List.of(args));
        return Command.run(argv);
    }

    @Test
    void theDigestKeepalivedPrints() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> HttpServer.response(200, "real server one\n"))) {
            String port = Integer.toString(server.port());
            Result theirs = keepalived("-T", "-s", "127.0.0.1", "-p", port, "-u", "/index.html");
            Result mine = ours("-T", "-s", "127.0.0.1", "-p", port, "-u", "/index.html");
            assertEquals(0, theirs.status(), theirs.stderr());
            assertEquals(theirs.stdout(), mine.stdout());
            assertEquals(0, mine.status());
            assertEquals(theirs.stdout(), ours("--genhash", "--server=127.0.0.1", "--port", port, "--url", "/index.html",
                    "--protocol", "1.1", "-t", "3").stdout(), "long options, HTTP/1.1 and a timeout");
        }
    }

    @Test
    void optionsBeforeTAreIgnoredWithKeepalivedsWarning() throws Exception {
        try (HttpServer server = HttpServer.plain(line -> HttpServer.response(200, "x"))) {
            Result r = ours("-n", "-T", "-s", "127.0.0.1", "-p", Integer.toString(server.port()), "-u", "/");
            assertEquals(0, r.status());
            assertEquals("Warning -- `-T` not used as first option, previous options ignored\n", r.stderr());
            assertEquals(32 + 1, r.stdout().length(), r.stdout());
        }
    }

    @Test
    void badOptionsSayWhatKeepalivedSaysThenTheUsageAndExitOne() throws Exception {
        String[][] cases = {
                {"-T", "-s", "127.0.0.1", "-p", "0", "-u", "/"},
                {"-T", "-s", "example.org", "-p", "80", "-u", "/"},
                {"-T", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-P", "2.0"},
                {"-T", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-t", "x"},
                {"-T", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-m", "-1"},
                {"-T", "-s", "127.0.0.1", "-p", "80"},
                {"-T", "-s", "127.0.0.1", "-p", "80", "-u", "/", "-Z"},
                {"-T", "-s", "127.0.0.1", "-p", "80", "-u", "/", "--bogus"},
                {"-T", "-s", "127.0.0.1", "-p", "80", "-u", "/", "extra"},
                {"-T", "-s"},
        };
        for (String[] c : cases) {
            Result theirs = keepalived(c);
            Result mine = ours(c);
            String what = String.join(" ", c);
            assertEquals(theirs.status(), mine.status(), what);
            assertEquals(1, mine.status(), what);
            String theirFirst = theirs.stderr().lines().findFirst().orElse("");
            String myFirst = mine.stderr().lines().findFirst().orElse("");
            if (theirFirst.startsWith("Usage:")) {
                assertTrue(myFirst.startsWith("Usage: keepalived-j --genhash"), what + "\n" + mine.stderr());
            } else {
                assertEquals(theirFirst, myFirst, what);
            }
            assertTrue(mine.stderr().contains("   --timeout         -t       Timeout in seconds"), what);
        }
    }

    @Test
    void anUnreachableServerIsReportedAndLikeKeepalivedIsNotAnError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result mine = ours("-T", "-s", "127.0.0.1", "-p", Integer.toString(port), "-u", "/");
        Result theirs = keepalived("-T", "-s", "127.0.0.1", "-p", Integer.toString(port), "-u", "/");
        assertEquals(theirs.status(), mine.status());
        assertEquals(0, mine.status());
        assertTrue(mine.stdout().contains("Connection refused"), mine.stdout());
    }
}
