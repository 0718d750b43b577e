package io.lvsj.keepalived.config.parse;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Conversions from the nullable fields of drafts to the model's optionals. */
final class Drafts {
    private Drafts() {
    }

    static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    static OptionalInt optionalInt(Long value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value.intValue());
    }

    static OptionalLong optionalLong(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * The same few timers (delay_loop 6, connect_timeout 3...) repeat in every virtual and real
     * server: whole seconds up to an hour are shared instances, not one per use (100,000 virtual
     * servers made 600,000 Durations).
     */
    private static final Duration[] SECONDS = new Duration[3601];

    static {
        for (int i = 0; i < SECONDS.length; i++) {
            SECONDS[i] = Duration.ofSeconds(i);
        }
    }

    static Duration micros(long micros) {
        if (micros >= 0 && micros % 1_000_000 == 0 && micros / 1_000_000 < SECONDS.length) {
            return SECONDS[(int) (micros / 1_000_000)];
        }
        return Duration.ofNanos(micros * 1000);
    }

    static Optional<Duration> micros(Long micros) {
        return micros == null ? Optional.empty() : Optional.of(micros(micros.longValue()));
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
