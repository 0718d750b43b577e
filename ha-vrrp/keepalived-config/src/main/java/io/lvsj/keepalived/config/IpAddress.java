package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An address line of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or
 * {@code static_ipaddress}: {@code IP[/LEN] [dev IF] [brd IP|+|-] [scope S] [label L] [peer IP]
 * [home] [-nodad] [mngtmpaddr] [noprefixroute] [autojoin] [no_track] [preferred_lft N|forever]
 * [use_vmac] [track_group G]}. The prefix defaults to the whole address; a {@code brd +} or
 * {@code brd -} is already worked out. Without {@code dev} a VIP goes on its instance's
 * interface and a static address on {@code default_interface}, which keepalived resolves
 * when it starts.
 */
public record IpAddress(Location location, InetAddress address, int prefixLength, Optional<String> device,
                        Optional<InetAddress> broadcast, OptionalInt scope, Optional<String> label,
                        Optional<InetAddress> peer, Set<Flag> flags, boolean noTrack,
                        OptionalLong preferredLifetime, boolean useVmac, Optional<String> trackGroup) {

    /** The {@code preferred_lft forever} value. */
    public static final long FOREVER = 0xFFFF_FFFFL;

    /** Address flags keepalived can set ({@code IFA_F_*}). */
    public enum Flag {
        HOME("home"), NODAD("-nodad"), MNGTMPADDR("mngtmpaddr"), NOPREFIXROUTE("noprefixroute"), AUTOJOIN("autojoin");

        private final String keyword;

        Flag(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public IpAddress {
        flags = Set.copyOf(flags);
    }

    public boolean isIpv6() {
        return address instanceof java.net.Inet6Address;
    }
}
