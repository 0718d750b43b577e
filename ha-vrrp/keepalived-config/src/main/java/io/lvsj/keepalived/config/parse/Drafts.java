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

    static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    static Optional<Duration> micros(Long micros) {
        return micros == null ? Optional.empty() : Optional.of(micros(micros.longValue()));
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
