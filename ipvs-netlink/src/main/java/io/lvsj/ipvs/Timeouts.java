package io.lvsj.ipvs;

/**
 * The three global connection timeouts in seconds ({@code ipvsadm --set tcp tcpfin udp}).
 * When setting, 0 leaves a value unchanged.
 */
public record Timeouts(int tcp, int tcpFin, int udp) {
}
