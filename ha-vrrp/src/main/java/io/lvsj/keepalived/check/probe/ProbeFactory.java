package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.NetworkContext;

import javax.net.ssl.SSLContext;

/** The probe for each kind of scheduled check. */
public final class ProbeFactory {
    private final NetworkContext network;
    private volatile SSLContext tls;

    public ProbeFactory(NetworkContext network, SSLContext tls) {
        this.network = network;
        this.tls = tls;
    }

    /** The TLS context for SSL_GET checkers started from now on (a reload may change the SSL block). */
    public void setTls(SSLContext context) {
        tls = context;
    }

    public Probe probe(CheckSpec.Scheduled spec) {
        return switch (spec) {
            case CheckSpec.Tcp s -> new TcpConnectProbe(s, network);
            case CheckSpec.Http s -> new HttpProbe(s, network, tls);
            case CheckSpec.Smtp s -> new SmtpProbe(s, network);
            case CheckSpec.Dns s -> new DnsProbe(s, network);
            case CheckSpec.Udp s -> new UdpProbe(s, network);
            case CheckSpec.Ping s -> new PingProbe(s, network);
            case CheckSpec.Misc s -> new MiscProbe(s, network);
        };
    }

    public NetworkContext network() {
        return network;
    }
}
