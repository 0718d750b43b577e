package io.lvsj.keepalived.check;

import java.util.function.Consumer;

/**
 * A probe that holds no thread while it waits: {@link #start} begins a try and returns at
 * once, and the try ends by calling {@code done} (on an I/O thread) within its timeout, which
 * the {@link Checker} enforces by calling the returned handle's {@code run}. Only for tries
 * that are a few non-blocking system calls, like TCP_CHECK's connect.
 */
public interface AsyncProbe extends Probe {

    /** Starts a try; returns what ends it early (on timeout). */
    Runnable start(CheckerState state, Consumer<Attempt> done);

    /** How long a try may take before the checker ends it. */
    java.time.Duration timeout();
}
