package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.ConfigReport;

/** Reads the configuration afresh: at start-up and on every SIGHUP. */
@FunctionalInterface
public interface ConfigSource {
    ConfigReport read();
}
