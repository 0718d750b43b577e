package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.CheckSpec;

import java.util.Objects;

/**
 * Names one checker: its virtual and real server, what it checks, and which of equal checks it
 * is. A reload that leaves all four unchanged keeps the checker running with its state.
 */
public record CheckerRef(VirtualServerId virtualServer, RealServerKey realServer, CheckSpec spec, int ordinal) {
    public CheckerRef {
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(realServer, "realServer");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public String toString() {
        return spec.keyword() + " of " + realServer + " in " + virtualServer;
    }
}
