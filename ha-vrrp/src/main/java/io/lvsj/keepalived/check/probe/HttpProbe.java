package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.Deadline;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.StreamConnection;
import io.lvsj.keepalived.check.net.Streams;
import io.lvsj.keepalived.check.net.TlsSettings;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP_GET and SSL_GET: one url per try. Connects, speaks TLS for SSL_GET (certificates are not
 * verified, as keepalived does not verify them), sends keepalived's request, reads until the
 * server closes, then judges status, digest and regex.
 */
public final class HttpProbe implements Probe {
    private final CheckSpec.Http spec;
    private final NetworkContext network;
    private final SSLContext tls;
    private final Pattern[] patterns;

    public HttpProbe(CheckSpec.Http spec, NetworkContext network, SSLContext tls) {
        this.spec = spec;
        this.network = network;
        this.tls = tls;
        this.patterns = spec.urls().stream()
                .map(u -> u.regex().map(Pattern::compile).orElse(null))
                .toArray(Pattern[]::new);
    }

    @Override
    public Attempt attempt(CheckerState state) {
        if (spec.urls().isEmpty()) {
            return Attempt.passed(); // keepalived: no url, nothing to check, the server is up
        }
        int index = Math.max(0, Math.min(state.url(), spec.urls().size() - 1));
        CheckSpec.HttpUrl url = spec.urls().get(index);
        Fetch fetch = fetch(url);
        return fetch.failure().map(Attempt::failed).orElseGet(() -> judge(url, fetch.response(), patterns[index]));
    }

    /** What one GET brought back: the response read so far, or why it could not be read. */
    public record Fetch(HttpResponse response, Optional<String> failure) {
    }

    /** Fetches {@code url} the way the check does (also what genhash does). */
    public Fetch fetch(CheckSpec.HttpUrl url) {
        HttpResponse response = new HttpResponse(url.regex().isPresent());
        Deadline deadline = Deadline.of(spec.endpoint().connectTimeout());
        StreamConnection connection;
        try {
            connection = Streams.connect(network, spec.endpoint(), deadline);
        } catch (SocketTimeoutException e) {
            return new Fetch(response, Optional.of("Timeout connecting"));
        } catch (IOException e) {
            return new Fetch(response, Optional.of("Error connecting (" + e.getMessage() + ")"));
        }
        try {
            if (spec.ssl()) {
                Optional<String> sni = spec.enableSni() ? url.virtualhost().or(spec::sniName) : Optional.empty();
                connection = connection.startTls(new TlsSettings(tls, sni));
            }
        } catch (IOException e) {
            connection.close();
            return new Fetch(response, Optional.of("SSL handshake/communication error connecting to ("
                    + e.getMessage() + ")"));
        }
        try (StreamConnection c = connection) {
            c.write(HttpRequest.get(url.path(), spec.version(), url.virtualhost().or(spec::virtualhost),
                    spec.endpoint().address(), spec.endpoint().port()));
            byte[] buffer = new byte[4096];
            while (true) {
                int n = c.read(buffer, 0, buffer.length);
                if (n < 0 || !response.accept(buffer, 0, n)) {
                    return new Fetch(response, Optional.empty());
                }
            }
        } catch (SocketTimeoutException e) {
            return new Fetch(response, Optional.of("Timeout HTTP read"));
        } catch (IOException e) {
            return new Fetch(response, Optional.of("Read error with server (" + e.getMessage() + ")"));
        }
    }

    /** keepalived's judgement of a complete response, in its order: data, status, digest, regex. */
    static Attempt judge(CheckSpec.HttpUrl url, HttpResponse response, Pattern regex) {
        if (!response.hasHeader()) {
            return Attempt.failed("Read, no data received from server");
        }
        if (!url.statusCodes().accepts(response.statusCode())) {
            return Attempt.failed("HTTP status code error (" + response.statusCode() + ")");
        }
        String digest = response.digest();
        if (url.digest().isPresent() && !url.digest().get().equals(digest)) {
            return Attempt.failed("MD5 digest error (got " + digest + ")");
        }
        if (regex != null) {
            String body = response.bodyText();
            int from = Math.min(url.regexMinOffset(), body.length());
            int to = url.regexMaxOffset() > 0 ? Math.min(url.regexMaxOffset(), body.length()) : body.length();
            Matcher m = regex.matcher(body).region(from, Math.max(from, to));
            if (m.find() == url.regexNoMatch()) {
                return Attempt.failed("Regex match failed");
            }
        }
        return Attempt.passed();
    }
}
