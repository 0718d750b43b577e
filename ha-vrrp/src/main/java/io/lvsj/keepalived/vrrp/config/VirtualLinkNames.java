package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.VrrpInstance;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names keepalived gives the links of {@code use_vmac} and {@code use_ipvlan} instances
 * that do not name theirs ({@code create_vmac_name}): {@code PREFIX.VRID} ({@code vmac_prefix},
 * by default "vrrp"), and when another instance has that name, {@code PREFIX1.VRID},
 * {@code PREFIX2.VRID}... (an IPv6 instance tries {@code PREFIX6.VRID} first and then skips 6),
 * shortened to fit 15 characters. Names are given in the order of the instances.
 */
final class VirtualLinkNames {
    private static final int IFNAMSIZ = 16;
    private final String prefix;
    private final String addressPrefix;
    private final Set<String> taken = new HashSet<>();
    private final Map<String, String> given = new HashMap<>();

    VirtualLinkNames(KeepalivedConfig model) {
        this.prefix = model.global().vrrp().vmacPrefix().orElse("vrrp");
        this.addressPrefix = model.global().vrrp().vmacAddressPrefix().orElse(prefix);
        for (VrrpInstance v : model.vrrpInstances()) {
            v.vmac().flatMap(VrrpInstance.Vmac::name).ifPresent(taken::add);
            v.ipvlan().flatMap(VrrpInstance.Ipvlan::name).ifPresent(taken::add);
        }
    }

    /** The link name of instance {@code v}, which has {@code use_vmac} or {@code use_ipvlan}. */
    String of(VrrpInstance v) {
        return given.computeIfAbsent(v.name(), k -> v.vmac().flatMap(VrrpInstance.Vmac::name)
                .or(() -> v.ipvlan().flatMap(VrrpInstance.Ipvlan::name))
                .orElseGet(() -> generate(v.virtualRouterId(), v.ipv6())));
    }

    /** A new name for one of instance {@code v}'s address VMACs ({@code vmac_addr_prefix}, else {@code vmac_prefix}). */
    String forAddresses(VrrpInstance v, boolean ipv6) {
        of(v.name(), v); // the instance's own link is named first, as keepalived names it
        return generate(addressPrefix, v.virtualRouterId(), ipv6);
    }

    private void of(String name, VrrpInstance v) {
        if (v.vmac().isPresent() || v.ipvlan().isPresent()) {
            of(v);
        }
    }

    private String generate(int vrid, boolean ipv6) {
        return generate(prefix, vrid, ipv6);
    }

    private String generate(String prefix, int vrid, boolean ipv6) {
        int num = 0;
        String name = fit(prefix, "", vrid);
        while (taken.contains(name)) {
            if (ipv6) {
                num = num == 0 ? 6 : num == 6 ? 1 : num + 1 == 6 ? 7 : num + 1;
            } else {
                num++;
            }
            name = fit(prefix, Integer.toString(num), vrid);
        }
        taken.add(name);
        return name;
    }

    /** {@code prefix + number + "." + vrid}, the prefix cut short when the whole is too long for a name. */
    private static String fit(String prefix, String number, int vrid) {
        String tail = number + "." + vrid;
        int room = IFNAMSIZ - 1 - tail.length();
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + tail;
    }
}
