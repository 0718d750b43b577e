package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Timeouts;

import java.util.Objects;
import java.util.Optional;

/**
 * The process-wide IPVS settings of {@code global_defs}: {@code lvs_flush} (flush IPVS at
 * start-up instead of adopting what is there), {@code lvs_flush_on_stop} (one flush at
 * shutdown instead of removing what was added; {@code VS} removes the virtual servers, which is
 * what keepalived-j's normal shutdown does anyway), {@code lvs_timeouts} (0 = leave as is), and
 * {@code -I} ({@code --dont-release-ipvs}: leave IPVS as it is at shutdown).
 */
public record LvsSettings(boolean flushAtStart, FlushOnStop flushOnStop, Optional<Timeouts> timeouts,
                          boolean keepOnStop) {

    public enum FlushOnStop { NONE, VS, FULL }

    public static final LvsSettings DEFAULT = new LvsSettings(false, FlushOnStop.NONE, Optional.empty(), false);

    public LvsSettings {
        Objects.requireNonNull(flushOnStop, "flushOnStop");
        Objects.requireNonNull(timeouts, "timeouts");
    }
}
