package io.lvsj.ipvs;

/**
 * A service's flag word ({@code IP_VS_SVC_F_*}). Kept as the raw bits so that flags a newer
 * kernel defines survive a read-modify-write. The kernel-internal {@code HASHED} bit is never
 * part of it: the codec drops it on read and never sends it, because a service added with it
 * set is never hashed and cannot be found again.
 */
public record ServiceFlags(int bits) {
    public static final int PERSISTENT = 0x0001;
    public static final int HASHED = 0x0002;
    public static final int ONEPACKET = 0x0004;
    public static final int SCHED1 = 0x0008;
    public static final int SCHED2 = 0x0010;
    public static final int SCHED3 = 0x0020;
    /** The scheduler flag bits; their meaning depends on the scheduler (sh-fallback, mh-port, ...). */
    public static final int SCHED_MASK = SCHED1 | SCHED2 | SCHED3;

    public static final ServiceFlags NONE = new ServiceFlags(0);

    public ServiceFlags {
        bits &= ~HASHED;
    }

    public boolean has(int flag) {
        return (bits & flag) == flag;
    }

    public ServiceFlags with(int flag) {
        return new ServiceFlags(bits | flag);
    }

    public ServiceFlags without(int flag) {
        return new ServiceFlags(bits & ~flag);
    }

    public boolean persistent() {
        return has(PERSISTENT);
    }

    public boolean onePacket() {
        return has(ONEPACKET);
    }

    /** Only the scheduler flag bits. */
    public int schedulerBits() {
        return bits & SCHED_MASK;
    }

    @Override
    public String toString() {
        return "0x" + Integer.toHexString(bits);
    }
}
