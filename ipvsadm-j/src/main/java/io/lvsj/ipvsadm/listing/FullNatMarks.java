package io.lvsj.ipvsadm.listing;

import io.lvsj.fullnat.FullNatService;
import io.lvsj.fullnat.FullNatTable;
import io.lvsj.fullnat.RealServer;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.util.List;

/**
 * Which destinations the listings show as FullNAT (extension): the kernel holds them as NAT
 * destinations; the FullNAT table says which of those LVS-J source-NATs. With no FullNAT in
 * use every answer is "no" and listings are ipvsadm's, byte for byte.
 */
final class FullNatMarks {
    private final FullNatTable table;

    FullNatMarks(FullNatTable table) {
        this.table = table;
    }

    boolean isFullNat(ServiceKey key, Destination d) {
        return !table.isEmpty() && key instanceof ServiceKey.Inet inet && d.method() == ForwardingMethod.MASQ
                && table.isFullNat(inet, new RealServer(d.address(), d.port()));
    }

    /** The service's local addresses, in rule order (none for a service without FullNAT). */
    List<InetAddress> localAddresses(ServiceKey key) {
        return key instanceof ServiceKey.Inet inet
                ? table.service(inet).map(FullNatService::localAddresses).orElse(List.of()) : List.of();
    }

    boolean any(ServiceKey key) {
        return key instanceof ServiceKey.Inet inet && table.service(inet).isPresent();
    }
}
