package io.lvsj.keepalived.vrrp.config;

import java.time.Duration;

/**
 * When a master sends gratuitous ARPs / unsolicited NAs (keepalived's {@code garp_*} keywords
 * and their {@code vrrp_garp_*} global defaults).
 *
 * @param masterDelay         {@code garp_master_delay}: the second burst after becoming master (0 = none)
 * @param masterRepeat        {@code garp_master_repeat}: packets per address per burst
 * @param masterRefresh       {@code garp_master_refresh}: periodic refresh while master (0 = off)
 * @param masterRefreshRepeat {@code garp_master_refresh_repeat}
 * @param lowerPrioDelay      {@code garp_lower_prio_delay}: second burst after hearing a lower priority
 * @param lowerPrioRepeat     {@code garp_lower_prio_repeat}: burst on hearing a lower priority (0 = none)
 * @param extraInterval       {@code garp_extra_if}: while master, one gratuitous ARP / NA this often on each
 *                            other interface the VIPs use (zero = off; the mapping turns it off where
 *                            keepalived does)
 * @param extraAll            {@code garp_extra_if all}: on every such interface, not only VMACs
 */
public record GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                           Duration lowerPrioDelay, int lowerPrioRepeat, Duration extraInterval, boolean extraAll) {
    /** keepalived 2.2.7's defaults: 5 at once, 5 more after 5 s, no refresh; the same on a lower priority. */
    public static final GarpSettings DEFAULTS = new GarpSettings(Duration.ofSeconds(5), 5, Duration.ZERO, 1,
            Duration.ofSeconds(5), 5);

    /** Without {@code garp_extra_if}. */
    public GarpSettings(Duration masterDelay, int masterRepeat, Duration masterRefresh, int masterRefreshRepeat,
                        Duration lowerPrioDelay, int lowerPrioRepeat) {
        this(masterDelay, masterRepeat, masterRefresh, masterRefreshRepeat, lowerPrioDelay, lowerPrioRepeat,
                Duration.ZERO, false);
    }
}
