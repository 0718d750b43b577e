package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.AsyncProbe;
import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.net.AsyncConnect;
import io.lvsj.keepalived.check.net.NetworkContext;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * TCP_CHECK without a thread per try: a non-blocking connect that the shared poller finishes
 * (see {@link AsyncConnect}). Passes when the server accepts within {@code connect_timeout}.
 */
public record TcpConnectProbe(CheckSpec.Tcp spec, NetworkContext network) implements AsyncProbe {

    @Override
    public Runnable start(CheckerState state, Consumer<Attempt> done) {
        AsyncConnect c = AsyncConnect.start(network, spec.endpoint(), outcome -> done.accept(attempt(outcome)));
        return c::timeout;
    }

    private Attempt attempt(AsyncConnect.Outcome outcome) {
        if (outcome.connected()) {
            return Attempt.passed();
        }
        return Attempt.failed("TCP connection to " + spec.endpoint()
                + (outcome.timedOut() ? " timeout" : " failed: " + outcome.failure()));
    }

    @Override
    public Duration timeout() {
        return spec.endpoint().connectTimeout();
    }

    /** The same try, blocking (for callers that want one result). */
    @Override
    public Attempt attempt(CheckerState state) {
        CompletableFuture<Attempt> result = new CompletableFuture<>();
        Runnable timeout = start(state, result::complete);
        try {
            return result.get(timeout().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            timeout.run();
            return result.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timeout.run();
            return result.join();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
