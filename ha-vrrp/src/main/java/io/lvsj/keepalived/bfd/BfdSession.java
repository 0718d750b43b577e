package io.lvsj.keepalived.bfd;

import java.util.random.RandomGenerator;

/**
 * One BFD session (RFC 5880) as keepalived's BFD process runs it ({@code bfd_scheduler.c}),
 * without I/O and with the time passed in (microseconds): the packets it sends and when
 * (the transmit interval with RFC 5880's jitter), what a received packet does to the state
 * and the timers (detection time, the poll sequence when the session comes up with a
 * transmit interval other than the idle one), the session expiring, and the reset to the
 * initial state a detection time after going down. Echo, demand mode and authentication
 * are not offered, as in keepalived.
 */
public final class BfdSession {
    public static final long NEVER = Long.MAX_VALUE;
    private static final int DIAG_EXPIRED = 1;
    private static final int DIAG_NEIGHBOR_DOWN = 3;

    /** What a session asks the outside world to do. */
    public interface Actions {
        void send(BfdPacket packet);

        /** The session came up ({@code true}) or went down from up. */
        void changed(boolean up);

        void log(String line);

        /** A line keepalived only writes with {@code -D}. */
        void logDetail(String line);
    }

    private final BfdSettings settings;
    private final RandomGenerator random;
    private final Actions actions;

    private BfdState localState = BfdState.DOWN;
    private BfdState remoteState = BfdState.DOWN;
    private int localDiscriminator;
    private int remoteDiscriminator;
    private int localDiag;
    private int remoteDiag;
    private long remoteMinRx;
    private long remoteMinTx;
    private int remoteDetectMult;
    private boolean remoteDemand;
    private boolean poll;
    private boolean fin;
    private long localTxInterval;
    private long remoteTxInterval;
    private long localDetectTime;
    private long lastSeen;
    private long sendAt = NEVER;
    private long expireAt = NEVER;
    private long resetAt = NEVER;

    public BfdSession(BfdSettings settings, RandomGenerator random, Actions actions) {
        this.settings = settings;
        this.random = random;
        this.actions = actions;
        this.localDiscriminator = discriminator();
        this.localTxInterval = settings.idleTx();
    }

    public String name() {
        return settings.name();
    }

    public BfdState state() {
        return localState;
    }

    public int localDiscriminator() {
        return localDiscriminator;
    }

    public int remoteDiscriminator() {
        return remoteDiscriminator;
    }

    /** The time without packets after which the session expires, as negotiated. */
    public long detectionTime() {
        return localDetectTime;
    }

    /** Starts sending (a passive session waits to hear from its neighbour first). */
    public void start(long now) {
        if (!settings.passive()) {
            scheduleSend(now);
        }
    }

    /** The earliest timer, or {@link #NEVER}. */
    public long nextDeadline() {
        return Math.min(sendAt, Math.min(expireAt, resetAt));
    }

    /** Runs the timers due at {@code now}. */
    public void runTimers(long now) {
        if (expireAt <= now) {
            expire(now);
        }
        if (resetAt <= now) {
            resetAt = NEVER;
            reset();
        }
        if (sendAt <= now) {
            send();
            scheduleSend(now);
        }
    }

    /**
     * A packet from the neighbour, already checked ({@link BfdPacket#decode}) and matched to
     * this session; {@code ttl} is what it arrived with (0 when unknown).
     */
    public void receive(BfdPacket p, int ttl, long now) {
        if (settings.maxHops() != 255 && ttl != 0 && settings.maxHops() + ttl < settings.ttl()) {
            actions.logDetail("Packet ttl(" + ttl + ") < " + (settings.ttl() - settings.maxHops()) + " - discarding");
            return;
        }
        if (p.auth()) {
            actions.logDetail("Discarding packet (auth bit is set, but no authentication is in use)");
            return;
        }
        long oldLocalTx = localTxInterval;
        long oldDetect = localDetectTime;
        remoteDiscriminator = p.myDiscriminator();
        remoteState = p.state();
        remoteDiag = p.diag();
        remoteMinRx = p.requiredMinRx();
        remoteMinTx = p.desiredMinTx();
        remoteDemand = p.demand();
        remoteDetectMult = p.detectMult();
        if (p.fin()) {
            poll = false;
        }
        if (localState != BfdState.UP || p.poll() || p.fin()) {
            if (remoteState == BfdState.UP && (localState == BfdState.INIT || localState == BfdState.UP)) {
                localTxInterval = Math.max(settings.minTx(), remoteMinRx);
            } else {
                localTxInterval = Math.max(settings.idleTx(), remoteMinRx);
            }
            remoteTxInterval = Math.max(settings.minRx(), remoteMinTx);
        }
        localDetectTime = remoteDetectMult * remoteTxInterval;
        if (localTxInterval < oldLocalTx && sendAt != NEVER) {
            scheduleSend(now);
        }
        if (localDetectTime != oldDetect) {
            actions.log(" ".repeat(name().length() + 2) + " Detection time is " + localDetectTime + " us (was "
                    + oldDetect + " us)");
        }
        if (remoteState == BfdState.ADMIN_DOWN && localState != BfdState.DOWN) {
            down(DIAG_NEIGHBOR_DOWN, now);
        } else if (localState == BfdState.DOWN) {
            if (remoteState == BfdState.DOWN) {
                init(now);
            } else if (remoteState == BfdState.INIT) {
                up(now);
            }
        } else if (localState == BfdState.INIT) {
            if (remoteState == BfdState.INIT || remoteState == BfdState.UP) {
                up(now);
            }
        } else if (localState == BfdState.UP && remoteState == BfdState.DOWN) {
            down(DIAG_NEIGHBOR_DOWN, now);
        }
        boolean bothUp = localState == BfdState.UP && remoteState == BfdState.UP;
        if (remoteDemand && bothUp) {
            sendAt = NEVER;
        } else if (sendAt == NEVER) {
            scheduleSend(now);
        }
        if (p.poll()) {
            fin = true;
            send(); // the Final answer goes at once, outside the schedule
        }
        lastSeen = now;
        if (localState == BfdState.UP && expireAt != NEVER) {
            expireAt = now + localDetectTime;
        }
    }

    private void send() {
        if (poll && fin) {
            poll = false;
        }
        long minTx = localState == BfdState.UP ? settings.minTx() : settings.idleTx();
        actions.send(new BfdPacket(localDiag, localState, poll, fin, false, false, settings.multiplier(),
                localDiscriminator, remoteDiscriminator, minTx, settings.minRx(), 0));
        fin = false;
    }

    /** The next packet: the transmit interval less a jitter of 10..25% (RFC 5880 §6.8.7). */
    private void scheduleSend(long now) {
        long jitter = random.nextLong(localTxInterval / 10, localTxInterval / 4 + 1);
        sendAt = now + localTxInterval - jitter;
    }

    private void expire(long now) {
        expireAt = NEVER;
        long dead = now - lastSeen;
        if (localState == BfdState.UP) {
            actions.log("(" + name() + ") Expired after " + dead / 1000 + " ms (" + (dead - localDetectTime)
                    + " usec overdue)");
        }
        remoteDiscriminator = 0;
        down(DIAG_EXPIRED, now);
    }

    private void down(int diag, long now) {
        BfdState old = localState;
        if (old == BfdState.UP) {
            localDiscriminator = discriminator();
            actions.log("(" + name() + ") Entering " + BfdState.DOWN.text() + " state (Local diagnostic - "
                    + BfdState.diagnostic(diag) + ", Remote diagnostic - " + BfdState.diagnostic(remoteDiag) + ")");
        }
        localState = BfdState.DOWN;
        localDiag = diag;
        resetAt = now + localDetectTime;
        if (settings.passive()) {
            sendAt = NEVER;
        }
        localTxInterval = Math.max(settings.idleTx(), remoteMinRx);
        expireAt = NEVER;
        if (old == BfdState.UP && remoteState != BfdState.ADMIN_DOWN) {
            actions.changed(false);
        }
    }

    private void init(long now) {
        localState = BfdState.INIT;
        rise(now);
        if (settings.passive() && sendAt == NEVER) {
            scheduleSend(now);
        }
    }

    private void up(long now) {
        localState = BfdState.UP;
        rise(now);
        if (settings.idleTx() != settings.minTx() && !fin) {
            actions.logDetail("(" + name() + ") Starting poll sequence");
            poll = true;
        }
        actions.changed(true);
    }

    private void rise(long now) {
        localDiag = 0;
        if (localState == BfdState.UP) {
            actions.log("(" + name() + ") Entering " + localState.text() + " state");
        }
        resetAt = NEVER;
        if (expireAt == NEVER) {
            expireAt = now + localDetectTime;
        }
    }

    /** A detection time after going down, back to the variables' initial values (keepalived's {@code bfd_reset_state}). */
    private void reset() {
        localState = BfdState.DOWN;
        remoteState = BfdState.DOWN;
        remoteDiscriminator = 0;
        remoteDiag = 0;
        remoteDemand = false;
        poll = false;
        fin = false;
        localTxInterval = Math.max(settings.idleTx(), remoteMinRx);
    }

    private int discriminator() {
        int d;
        do {
            d = random.nextInt();
        } while (d == 0);
        return d;
    }
}
