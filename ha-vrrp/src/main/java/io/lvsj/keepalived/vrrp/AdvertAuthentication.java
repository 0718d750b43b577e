package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.wire.AdvertisementView;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Authentication;
import io.lvsj.keepalived.vrrp.wire.AuthenticationHeader;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

import java.security.MessageDigest;

/**
 * VRRPv2 authentication of received adverts (RFC 2338 §5.3.6, which keepalived still honours;
 * keepalived.md §3.8): the auth type must be ours, a PASS key must match byte for byte
 * (compared in constant time), an AH header must carry a valid HMAC-MD5-96 and a sequence
 * number beyond the last one accepted from the same sender.
 *
 * <p>Replay protection is kept per sender and forgotten when we become master: a router that
 * restarts counts from 1 again, and a master must hear it to step down for it. keepalived
 * 2.2.7 lets a restarted AH peer preempt it the same way (the AH interop tests prove both).
 */
final class AdvertAuthentication {
    private final Authentication config;
    private final AuthenticationHeader header;
    private final byte[] lastSender = new byte[4];
    private long lastSequence = -1;

    AdvertAuthentication(Authentication config) {
        this.config = config;
        this.header = config.type() == AuthType.AH ? new AuthenticationHeader(config.key()) : null;
    }

    boolean usesAh() {
        return header != null;
    }

    /** Step 1 of the receive check: an AH header exactly when we use AH. */
    boolean headerPresent(AdvertisementView view, String instance, RouterStats stats, RouterActions actions) {
        if (usesAh() == view.hasAuthenticationHeader()) {
            return true;
        }
        stats.authtypeMismatch++;
        actions.log(usesAh() ? "(" + instance + ") No AH header but auth type is AH"
                : "(" + instance + ") AH header present but auth type is " + config.type().code());
        return false;
    }

    /** The v2 authentication step: type, then the password or the AH ICV and sequence number. */
    boolean accepts(AdvertisementView view, boolean unicast, String instance, RouterStats stats,
                    RouterActions actions) {
        int type = view.v2AuthType();
        if (AuthType.of(type) == null) {
            stats.invalidAuthtype++;
            actions.log("(" + instance + ") Invalid auth type: " + type);
            return false;
        }
        if (type != config.type().code()) {
            stats.authtypeMismatch++;
            actions.log("(" + instance + ") received a " + type + " auth, expecting " + config.type().code() + "!");
            return false;
        }
        return switch (config.type()) {
            case NONE -> true;
            case PASS -> passwordMatches(view, instance, stats, actions);
            case AH -> headerValid(view, unicast, instance, stats, actions);
        };
    }

    private boolean passwordMatches(AdvertisementView view, String instance, RouterStats stats,
                                    RouterActions actions) {
        byte[] carried = new byte[Vrrp.AUTH_DATA_LENGTH];
        view.buffer().get(view.v2AuthDataOffset(), carried);
        if (MessageDigest.isEqual(carried, config.key())) {
            return true;
        }
        stats.authFailure++;
        actions.log("(" + instance + ") received an invalid passwd!");
        return false;
    }

    private boolean headerValid(AdvertisementView view, boolean unicast, String instance, RouterStats stats,
                                RouterActions actions) {
        if (!header.verify(view.buffer(), view.ahOffset(), view.length(), unicast)) {
            stats.authFailure++;
            actions.log("(" + instance + ") IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad"
                    + " password !");
            return false;
        }
        long sequence = view.ahSequence();
        int sender = view.ipv4Source();
        boolean sameSender = lastSequence >= 0 && java.nio.ByteBuffer.wrap(lastSender).getInt(0) == sender;
        if (sameSender && sequence <= lastSequence) {
            stats.authFailure++;
            actions.log("(" + instance + ") IPSEC-AH : sequence number " + sequence
                    + " already processed. Packet dropped. Local(" + lastSequence + ")");
            return false;
        }
        java.nio.ByteBuffer.wrap(lastSender).putInt(0, sender);
        lastSequence = sequence;
        return true;
    }

    /** We became master: whoever we hear next may have restarted its count. */
    void forgetSequence() {
        lastSequence = -1;
    }

    void carryFrom(AdvertAuthentication before) {
        System.arraycopy(before.lastSender, 0, lastSender, 0, lastSender.length);
        lastSequence = before.lastSequence;
    }
}
