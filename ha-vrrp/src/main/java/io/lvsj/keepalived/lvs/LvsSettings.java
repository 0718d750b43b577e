package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Timeouts;

import java.util.Objects;
import java.util.Optional;

/**
 * The process-wide IPVS settings of {@code global_defs}: {@code lvs_flush} (flush IPVS at
 * start-up instead of adopting what is there), {@code lvs_flush_on_stop} (one flush at
 * shutdown instead of removing what was added; {@code VS} removes the virtual servers, which is
 * what keepalived-j's normal shutdown does anyway), {@code lvs_timeouts} (0 = leave as is),
 * {@code -I} ({@code --dont-release-ipvs}: leave IPVS, and the VIPs {@code vip_bind_dev}
 * bound, as they are at shutdown), and keepalived-j's {@code lvs_sloppy_tcp}/{@code lvs_sloppy_sctp}
 * (empty = leave the kernel's value).
 */
public record LvsSettings(boolean flushAtStart, FlushOnStop flushOnStop, Optional<Timeouts> timeouts,
                          boolean keepOnStop, Optional<Boolean> sloppyTcp, Optional<Boolean> sloppySctp) {

    public enum FlushOnStop { NONE, VS, FULL }

    public static final LvsSettings DEFAULT = new LvsSettings(false, FlushOnStop.NONE, Optional.empty(), false);

    public LvsSettings {
        Objects.requireNonNull(flushOnStop, "flushOnStop");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(sloppyTcp, "sloppyTcp");
        Objects.requireNonNull(sloppySctp, "sloppySctp");
    }

    /** keepalived's own settings, with the kernel's sloppy modes left alone. */
    public LvsSettings(boolean flushAtStart, FlushOnStop flushOnStop, Optional<Timeouts> timeouts, boolean keepOnStop) {
        this(flushAtStart, flushOnStop, timeouts, keepOnStop, Optional.empty(), Optional.empty());
    }

    /** The same settings, leaving IPVS and the bound VIPs as they are at shutdown ({@code -I}). */
    public LvsSettings keepingOnStop() {
        return new LvsSettings(flushAtStart, FlushOnStop.NONE, timeouts, true, sloppyTcp, sloppySctp);
    }
}
