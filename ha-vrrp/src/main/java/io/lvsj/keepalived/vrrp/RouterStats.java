package io.lvsj.keepalived.vrrp;

/**
 * Per-instance counters, named as keepalived names them in {@code keepalived.stats} and the
 * JSON dump. Only the VRRP thread writes them; readers get a possibly slightly stale view.
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

    /** Zeroes every counter. */
    public void clear() {
        advertRcvd = advertSent = becomeMaster = releaseMaster = packetLenErr = advertIntervalErr = ipTtlErr = 0;
        invalidTypeRcvd = addrListErr = invalidAuthtype = authtypeMismatch = authFailure = priZeroRcvd = 0;
        priZeroSent = checksumErr = versionErr = 0;
    }
}
