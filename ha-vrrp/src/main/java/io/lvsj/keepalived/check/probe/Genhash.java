package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.net.Endpoint;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;

import java.util.List;
import java.util.Optional;

/**
 * {@code keepalived --genhash}: fetches a url exactly as HTTP_GET/SSL_GET would and prints the
 * MD5 of its body, the value a {@code digest} line needs. Shares the checker's code, so the
 * digest is the one the check will compare.
 */
public final class Genhash {
    private Genhash() {
    }

    /** What genhash prints: the digest in lowercase hex, or why there is none. */
    public sealed interface Result {
        String line();
    }

    public record Digest(String line) implements Result {
    }

    public record Failure(String line) implements Result {
    }

    public static Result run(NetworkContext network, Endpoint endpoint, String path, boolean ssl,
                             CheckSpec.HttpVersion version, Optional<String> virtualhost) {
        return run(network, endpoint, path, ssl, virtualhost.isPresent(), version, virtualhost);
    }

    /** As above, with SNI only when {@code sni} (genhash's {@code -I}). */
    public static Result run(NetworkContext network, Endpoint endpoint, String path, boolean ssl, boolean sni,
                             CheckSpec.HttpVersion version, Optional<String> virtualhost) {
        CheckSpec.HttpUrl url = CheckSpec.HttpUrl.of(path);
        CheckSpec.Http spec = new CheckSpec.Http(endpoint, CheckTiming.every(java.time.Duration.ofSeconds(1)), ssl,
                version, virtualhost, sni && virtualhost.isPresent(), virtualhost, false, List.of(url));
        HttpProbe.Fetch fetch = new HttpProbe(spec, network, TlsContexts.acceptingAnyServer(null)).fetch(url);
        if (fetch.failure().isPresent()) {
            return new Failure(fetch.failure().get());
        }
        if (!fetch.response().hasHeader()) {
            return new Failure("no data received from remote webserver");
        }
        return new Digest(fetch.response().digest());
    }
}
