package io.lvsj.keepalived.bfd;

import io.lvsj.keepalived.config.BfdInstance;

import java.net.InetAddress;

/**
 * A {@code bfd_instance} as a session runs it, intervals in microseconds.
 *
 * @param ttl     the TTL (hop limit) it sends with, 255 by default
 * @param maxHops how far below {@code ttl} a received packet's TTL may be; 255 turns the check off
 */
public record BfdSettings(String name, InetAddress neighbor, InetAddress source, long minRx, long minTx, long idleTx,
                          int multiplier, boolean passive, int ttl, int maxHops) {

    public static BfdSettings of(BfdInstance b) {
        return new BfdSettings(b.name(), b.neighbor(), b.source().orElse(null), b.minRx().toNanos() / 1000,
                b.minTx().toNanos() / 1000, b.idleTx().toNanos() / 1000, b.multiplier(), b.passive(), b.ttl(),
                b.maxHops());
    }
}
