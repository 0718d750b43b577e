package io.lvsj.keepalived.vrrp;

/**
 * Per-instance counters, named as keepalived names them in {@code keepalived.stats} and the
 * JSON dump, plus the drops keepalived does not count ({@code checksumErr}, {@code versionErr},
 * {@code destinationErr}: multicast where unicast is configured or the reverse,
 * {@code peerErr}: a unicast source that is no peer with {@code check_unicast_src}). Only the
 * VRRP thread touches them; other threads read a {@link #copy()} made there.
 */
public final class RouterStats {
    public long advertRcvd;
    public long advertSent;
    public long becomeMaster;
    public long releaseMaster;
    public long packetLenErr;
    public long advertIntervalErr;
    public long ipTtlErr;
    public long invalidTypeRcvd;
    public long addrListErr;
    public long invalidAuthtype;
    public long authtypeMismatch;
    public long authFailure;
    public long priZeroRcvd;
    public long priZeroSent;
    public long checksumErr;
    public long versionErr;
    public long destinationErr;
    public long peerErr;

    /** Zeroes every counter. */
    public void clear() {
        advertRcvd = advertSent = becomeMaster = releaseMaster = packetLenErr = advertIntervalErr = ipTtlErr = 0;
        invalidTypeRcvd = addrListErr = invalidAuthtype = authtypeMismatch = authFailure = priZeroRcvd = 0;
        priZeroSent = checksumErr = versionErr = destinationErr = peerErr = 0;
    }

    /** Takes every counter of {@code from} (an instance a reload keeps). */
    public void copyFrom(RouterStats from) {
        advertRcvd = from.advertRcvd;
        advertSent = from.advertSent;
        becomeMaster = from.becomeMaster;
        releaseMaster = from.releaseMaster;
        packetLenErr = from.packetLenErr;
        advertIntervalErr = from.advertIntervalErr;
        ipTtlErr = from.ipTtlErr;
        invalidTypeRcvd = from.invalidTypeRcvd;
        addrListErr = from.addrListErr;
        invalidAuthtype = from.invalidAuthtype;
        authtypeMismatch = from.authtypeMismatch;
        authFailure = from.authFailure;
        priZeroRcvd = from.priZeroRcvd;
        priZeroSent = from.priZeroSent;
        checksumErr = from.checksumErr;
        versionErr = from.versionErr;
        destinationErr = from.destinationErr;
        peerErr = from.peerErr;
    }

    /** A detached copy, for a snapshot other threads read. */
    public RouterStats copy() {
        RouterStats c = new RouterStats();
        c.copyFrom(this);
        return c;
    }
}
