package io.lvsj.keepalived.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-interface settings from {@code linkbeat_interfaces} (poll link state, optionally by a
 * given method) and {@code interface_up_down_delays} (debounce link changes).
 */
public record InterfaceSettings(Location location, String name, boolean linkbeat, Optional<String> linkbeatType,
                                Duration downDelay, Duration upDelay) {
}
