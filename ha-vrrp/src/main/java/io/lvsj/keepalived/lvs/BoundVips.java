package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ServiceKey;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which VIPs {@code vip_bind_dev} puts on which interface, as Alibaba's keepalived does: the
 * addresses of a virtual server (one, or each address of its group; fwmarks have none) while
 * its quorum holds. An address two virtual servers share (port 80 and 443 of one VIP) stays
 * while either holds its quorum. Pure: the {@code VipBinder} makes the interfaces match.
 */
public final class BoundVips {
    private BoundVips() {
    }

    /** Every VIP the configuration binds, whatever the health: what keepalived-j owns on those interfaces. */
    public static Set<BoundVip> configured(List<VirtualServerSpec> config) {
        return wanted(config, id -> true);
    }

    /** The VIPs that belong on their interfaces now: those of the virtual servers whose quorum holds. */
    public static Set<BoundVip> wanted(List<VirtualServerSpec> config, Predicate<VirtualServerId> quorumUp) {
        Set<BoundVip> out = new LinkedHashSet<>();
        for (VirtualServerSpec vs : config) {
            if (vs.vipBindDevice().isEmpty() || !quorumUp.test(vs.id())) {
                continue;
            }
            for (ServiceKey key : vs.services()) {
                if (key instanceof ServiceKey.Inet inet) {
                    out.add(new BoundVip(vs.vipBindDevice().get(), inet.address()));
                }
            }
        }
        return out;
    }
}
