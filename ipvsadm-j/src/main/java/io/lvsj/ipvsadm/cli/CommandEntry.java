package io.lvsj.ipvsadm.cli;

import io.lvsj.fullnat.RealServer;
import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvs.TunnelType;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Everything one command line sets, filled option by option in the order given, with
 * ipvsadm's defaults (weight 1, direct routing, /32 persistence mask). ipvsadm keeps this in one
 * C structure; its defaults and the order of filling are part of its behaviour, so this mirrors it.
 */
final class CommandEntry {
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_SCTP = 132;
    static final int PERSISTENCE_DEFAULT = 360;
    /** {@code --fullnat}: Alibaba LVS's forwarding method number; the kernel is given NAT. */
    static final int FULLNAT = 5;

    CommandName command;
    long options;
    ListFormat format = ListFormat.DEFAULT;

    // the virtual service
    final Endpoint service = new Endpoint();
    long fwmark;
    String scheduler = "";
    int flags;
    int timeout;
    String persistenceEngine = "";
    String schedulerFlags = "";

    // the real server
    final Endpoint server = new Endpoint();
    int forwarding = ForwardingMethod.DROUTE.number();
    long weight = 1;
    long upperThreshold;
    long lowerThreshold;
    int tunnelType;
    int tunnelPort;
    int tunnelFlags;
    InetAddress localAddress;

    // the sync daemon
    int daemonState;
    String multicastInterface = "";
    int syncId;
    int syncMaxLength;
    InetAddress multicastGroup;
    int multicastPort;
    int multicastTtl;

    // --set
    int tcpTimeout;
    int tcpFinTimeout;
    int udpTimeout;

    boolean has(Opt option) {
        return (options & option.bit()) != 0;
    }

    ServiceKey serviceKey() {
        if (fwmark != 0) {
            return ServiceKey.fwmark((int) fwmark, service.family == Endpoint.AF_INET6 ? AddressFamily.INET6 : AddressFamily.INET);
        }
        return new ServiceKey.Inet(new IpProtocol(service.protocol), address(service), service.port);
    }

    /** ipvsadm zeroes everything when the service it is given is all zeros ({@code -Z -t 0.0.0.0:0}). */
    boolean serviceIsBlank() {
        if (fwmark != 0 || service.port != 0) {
            return false;
        }
        for (byte b : service.address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    Service serviceConfig() {
        return new Service(serviceKey(), scheduler, new ServiceFlags(flags), timeout, service.netmask,
                persistenceEngine.length() > Service.PE_NAME_MAX
                        ? persistenceEngine.substring(0, Service.PE_NAME_MAX) : persistenceEngine);
    }

    Destination destination() {
        TunnelType type = TunnelType.ofNumber(tunnelType);
        int method = forwarding == FULLNAT ? ForwardingMethod.MASQ.number() : forwarding;
        return new Destination(address(server), server.port, ForwardingMethod.ofNumber(method), (int) weight,
                (int) upperThreshold, (int) lowerThreshold, type, tunnelPort, tunnelFlags);
    }

    SyncDaemon daemon() {
        return new SyncDaemon(DaemonState.ofNumber(daemonState), multicastInterface, syncId, syncMaxLength,
                multicastGroup, multicastPort, multicastTtl);
    }

    Timeouts timeouts() {
        return new Timeouts(tcpTimeout, tcpFinTimeout, udpTimeout);
    }

    IpvsCommand.DeleteDestination serverRemoval() {
        return new IpvsCommand.DeleteDestination(serviceKey(), address(server), server.port);
    }

    /** What this add, edit or delete of a real server does to the FullNAT table. */
    FullNatEdit serverEdit() {
        if (!(serviceKey() instanceof ServiceKey.Inet key)) {
            return new FullNatEdit.None();
        }
        RealServer rs = new RealServer(address(server), server.port);
        return forwarding == FULLNAT && command != CommandName.DELETE_SERVER
                ? new FullNatEdit.MarkServer(key, rs) : new FullNatEdit.ClearServer(key, rs);
    }

    private static InetAddress address(Endpoint endpoint) {
        try {
            byte[] bytes = endpoint.addressBytes();
            // Inet6Address directly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }
}
