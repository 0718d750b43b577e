package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.config.InterfaceSettings;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.VrrpInstance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code linkbeat_use_polling} (global, or an instance's, deprecated) and the
 * {@code linkbeat_interfaces} block: the interfaces whose state keepalived reads by polling them
 * every second rather than from netlink (for drivers that do not report carrier changes), as
 * its {@code init_interface_linkbeat} settles them: an instance's interface, or a listed one
 * that some instance uses; never a VMAC or ipvlan ("netlink works for" them).
 *
 * @param interfaces the polled interfaces
 * @param notes      keepalived's lines about the ones turned off, logged at start
 */
public record LinkbeatPolling(Set<String> interfaces, List<String> notes) {
    public static final LinkbeatPolling NONE = new LinkbeatPolling(Set.of(), List.of());

    public LinkbeatPolling {
        interfaces = Set.copyOf(interfaces);
        notes = List.copyOf(notes);
    }

    public boolean polls(String name) {
        return interfaces.contains(name);
    }

    static LinkbeatPolling of(KeepalivedConfig model, VirtualLinkNames links) {
        boolean global = model.global().namespaces().linkbeatUsePolling();
        Set<String> polled = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (VrrpInstance v : model.vrrpInstances()) {
            if (v.interfaceName().isEmpty()) {
                continue;
            }
            String own = v.vmac().isPresent() || v.ipvlan().isPresent() ? links.of(v) : v.interfaceName().get();
            used.add(v.interfaceName().get());
            used.add(own);
            v.trackInterfaces().forEach(t -> used.add(t.name()));
            v.virtualAddresses().forEach(a -> a.device().ifPresent(used::add));
            if (global || v.linkbeatUsePolling()) {
                if (!own.equals(v.interfaceName().get())) {
                    notes.add("Turning off linkbeat for " + own + " since netlink works for vmacs/ipvlans");
                } else {
                    polled.add(own);
                }
            }
        }
        for (InterfaceSettings i : model.interfaces()) {
            if (!i.linkbeat() || polled.contains(i.name())) {
                continue;
            }
            if (used.contains(i.name())) {
                polled.add(i.name());
            } else {
                notes.add("Turning off linkbeat for " + i.name() + " since not used for tracking");
            }
        }
        return new LinkbeatPolling(polled, notes);
    }
}
