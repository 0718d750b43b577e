package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.host.NetInterface;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keywords that give a VRRP instance an interface of its own: {@code use_vmac} (a macvlan
 * with the VRRP MAC), {@code use_vmac_addr}, {@code vmac_xmit_base} and {@code use_ipvlan}, as
 * keepalived's {@code vrrp_vmac_handler} and {@code vrrp_ipvlan_handler} read them.
 */
final class VirtualLinkKeywords {
    private static final int IFNAMSIZ = 16;

    private final ParseContext ctx;
    private final VrrpData data;
    private final AddressParser addresses;
    private final Supplier<VrrpData.InstanceDraft> instance;

    VirtualLinkKeywords(ParseContext ctx, AddressParser addresses, Supplier<VrrpData.InstanceDraft> instance) {
        this.ctx = ctx;
        this.data = ctx.vrrp;
        this.addresses = addresses;
        this.instance = instance;
    }

    void install(Keyword k) {
        k.add("use_vmac", this::useVmac);
        k.add("use_vmac_addr", st -> vrrp().vmacAddr = true);
        k.add("vmac_xmit_base", st -> vrrp().vmacXmitBase = true);
        k.add("use_ipvlan", this::useIpvlan);
    }

    private VrrpData.InstanceDraft vrrp() {
        return instance.get();
    }

    private void useVmac(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        v.vmac = true;
        for (int i = 1; i < st.size() && i <= 2; i++) {
            String w = st.word(i);
            if (w.indexOf(':') >= 0) {
                if (v.vmacMac != null) {
                    ctx.error(st, "VMAC interface address already specified");
                    continue;
                }
                if (!w.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':')) {
                    ctx.error(st, "VMAC invalid MAC address " + w);
                    continue;
                }
                String[] octets = w.split(":", -1);
                boolean bad = !(octets.length == 6 || octets.length == 5 || (octets.length == 6 && octets[5].isEmpty()));
                for (int o = 0; !bad && o < Math.min(octets.length, 6); o++) {
                    if (o == 5 && octets[o].isEmpty() && octets.length == 6) {
                        continue;
                    }
                    if (octets[o].isEmpty() || octets[o].length() > 2) {
                        bad = true;
                    }
                }
                if (bad) {
                    ctx.error(st, "VMAC invalid MAC address " + w + " - ignored");
                } else if ((Integer.parseInt(octets[0], 16) & 1) != 0) {
                    ctx.error(st, "VMAC MAC address is multicast " + w + " - ignoring");
                } else if (octets[0].equalsIgnoreCase("00") && octets[1].equalsIgnoreCase("00") && octets[2].equalsIgnoreCase("5e")
                        && octets[3].equalsIgnoreCase("00") && (Integer.parseInt(octets[4], 16) == 1 || Integer.parseInt(octets[4], 16) == 2)) {
                    ctx.error(st, "VMAC MAC address not allowed to be RFC5798 address (" + w + ") - ignoring");
                } else {
                    v.vmacMac = w;
                }
            } else {
                if (v.vmacName != null) {
                    ctx.error(st, "VMAC interface name already specified");
                    continue;
                }
                if (w.isEmpty() || w.length() >= IFNAMSIZ || w.equals(".") || w.equals("..")
                        || w.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
                    ctx.error(st, "VMAC interface name '" + w + "' too long or invalid characters - ignoring");
                    continue;
                }
                VrrpData.InstanceDraft other = data.instances.stream().filter(o -> w.equals(o.vmacName) || w.equals(o.ipvlanName)).findFirst().orElse(null);
                if (other != null) {
                    ctx.error(st, "(" + v.name + ") VRRP instance " + other.name + " is already using " + w + " - ignoring name");
                    continue;
                }
                v.vmacName = w;
                Optional<NetInterface> existing = ctx.host.networkInterface(w);
                if (existing.isPresent() && !existing.get().kind().equals("macvlan")) {
                    ctx.error(st, "(" + v.name + ") interface " + w + " already exists and is not a private macvlan; ignoring vmac if_name");
                    v.vmacName = null;
                }
            }
        }
    }

    private void useIpvlan(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        if (v.ipvlan) {
            ctx.error(st, "(" + v.name + ") use_ipvlan already specified");
            return;
        }
        v.ipvlan = true;
        boolean haveMode = false;
        for (int i = 1; i < st.size(); i++) {
            String w = st.word(i);
            if (w.equals("bridge") || w.equals("private") || w.equals("vepa")) {
                if (haveMode) {
                    ctx.error(st, "(" + v.name + ") ipvlan type already specified - ignoring '" + w + "'");
                } else {
                    v.ipvlanMode = w;
                    haveMode = true;
                }
                continue;
            }
            if ((w.indexOf(':') >= 0 || w.indexOf('.') >= 0) && validAddress(w)) {
                Prefix p = addresses.address(st, w, true);
                if (v.ipvlanAddress != null) {
                    ctx.error(st, "(" + v.name + ") ipvlan address already specified - ignoring '" + w + "'");
                    continue;
                }
                int family = p.ipv6() ? 6 : 4;
                if (v.family == null) {
                    v.family = family;
                } else if (v.family != family) {
                    ctx.error(st, "(" + v.name + ") ipvlan address[" + w + "] MUST match vrrp instance family !!! Skipping...");
                    continue;
                }
                v.ipvlanAddress = new IpAddress(st.location(), p.address(), p.length(), Optional.empty(), Optional.empty(),
                        java.util.OptionalInt.empty(), Optional.empty(), Optional.empty(), java.util.Set.of(), false,
                        java.util.OptionalLong.empty(), false, Optional.empty());
                if (v.sourceAddress == null) {
                    v.sourceAddress = p.address();
                    v.sourceFromConfig = true;
                }
                continue;
            }
            if (v.ipvlanName != null) {
                ctx.error(st, "(" + v.name + ") IPVLAN interface already specified - ignoring '" + w + "'");
                continue;
            }
            if (w.length() >= IFNAMSIZ) {
                ctx.error(st, "(" + v.name + ") IPVLAN interface name '" + w + "' too long - ignoring");
                continue;
            }
            VrrpData.InstanceDraft other = data.instances.stream().filter(o -> w.equals(o.vmacName) || w.equals(o.ipvlanName)).findFirst().orElse(null);
            if (other != null) {
                ctx.error(st, "(" + v.name + ") VRRP instance " + other.name + " is already using " + w + " - ignoring name");
                continue;
            }
            v.ipvlanName = w;
            Optional<NetInterface> existing = ctx.host.networkInterface(w);
            if (existing.isPresent() && !existing.get().kind().equals("ipvlan")) {
                ctx.error(st, "(" + v.name + ") interface " + w + " already exists and is not an l2 ipvlan; ignoring ipvlan if_name");
                v.ipvlanName = null;
            }
        }
    }

    /** {@code check_valid_ipaddress} with a prefix allowed. */
    private static boolean validAddress(String text) {
        int slash = text.indexOf('/');
        String literal = text;
        boolean ipv6 = text.indexOf(':') >= 0;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (len.isEmpty() || !len.chars().allMatch(Character::isDigit) || Integer.parseInt(len) > (ipv6 ? 128 : 32)) {
                return false;
            }
            literal = text.substring(0, slash);
        }
        return (ipv6 ? Addresses.parse6(literal) : Addresses.parse4(literal)) != null;
    }
}
