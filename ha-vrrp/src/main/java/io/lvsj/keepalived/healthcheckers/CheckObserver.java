package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.lvs.CheckerRef;

/**
 * Told of every try of every checker, on the try's own (virtual) thread, before the pool hears
 * of it: for metrics. It must be quick and must not block.
 */
@FunctionalInterface
public interface CheckObserver {
    CheckObserver NONE = (checker, passed, nanos) -> { };

    void tried(CheckerRef checker, boolean passed, long nanos);
}
