package io.lvsj.keepalived.vrrp.config;

/**
 * What one instance adds to the receive buffer of the socket it shares with others
 * (keepalived's {@code vrrp_create_sockpool}): its own {@code kernel_rx_buf_size}, else the
 * {@code vrrp_rx_bufs_policy} size, else {@code vrrp_rx_bufs_multiplier} times its advert's
 * length ({@code ADVERT}) or its interface's MTU ({@code MTU}), else nothing. A socket's
 * buffer is the sum of its instances' shares, set with {@code SO_RCVBUF} when above 0; at 0
 * the kernel's default stays.
 */
public sealed interface RxBuffer {
    /** No policy and no kernel_rx_buf_size: the kernel's default. */
    RxBuffer NONE = new Fixed(0);

    /** The bytes this instance adds, given its advert's length and its interface's MTU. */
    long share(int advertLength, int mtu);

    /** {@code kernel_rx_buf_size N}, or {@code vrrp_rx_bufs_policy N}: N bytes, no multiplier. */
    record Fixed(long bytes) implements RxBuffer {
        @Override
        public long share(int advertLength, int mtu) {
            return bytes;
        }
    }

    /** {@code vrrp_rx_bufs_policy ADVERT}: the multiplier times the advert's length (IP header and AH included). */
    record Adverts(int multiplier) implements RxBuffer {
        @Override
        public long share(int advertLength, int mtu) {
            return (long) multiplier * advertLength;
        }
    }

    /** {@code vrrp_rx_bufs_policy MTU}: the multiplier times the interface's MTU. */
    record Mtu(int multiplier) implements RxBuffer {
        @Override
        public long share(int advertLength, int mtu) {
            return (long) multiplier * mtu;
        }
    }
}
