package io.lvsj.keepalived.healthcheckers;

import io.lvsj.fullnat.FullNat;
import io.lvsj.fullnat.FullNatException;
import io.lvsj.fullnat.FullNatTable;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.keepalived.check.CheckScheduler;
import io.lvsj.keepalived.check.net.ClientCredentials;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.TlsContexts;
import io.lvsj.keepalived.check.probe.ProbeFactory;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.SslContext;
import io.lvsj.keepalived.lib.NotifyFifos;
import io.lvsj.keepalived.lib.SmtpAlerts;
import io.lvsj.keepalived.lvs.LvsConfigMapping;
import io.lvsj.keepalived.lvs.LvsNotifier;
import io.lvsj.keepalived.lvs.Reconciler;
import io.lvsj.keepalived.lvs.ScriptRunner;
import io.lvsj.rtnl.RtnlClient;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.net.ssl.KeyManager;

/**
 * keepalived's checker process ({@code -C}) driven by a {@link KeepalivedConfig}: what the
 * daemon starts, reloads on SIGHUP and stops on SIGTERM. It maps the configuration
 * ({@link LvsConfigMapping}), builds the SSL_GET client context from the {@code SSL} block,
 * opens the notify FIFOs and follows the host's addresses for {@code ha_suspend}, and hands the
 * rest to {@link Healthcheckers}. The kernel sync daemon is not here: keepalived runs it from
 * its VRRP process, following an instance ({@link SyncDaemons}).
 */
public final class CheckerService implements AutoCloseable {
    private final NetworkContext network;
    private final Logger log;
    private final CheckScheduler scheduler = new CheckScheduler();
    private final ProbeFactory probes;
    private final LvsNotifier notifier;
    private final NotifyFifos fifos;
    /** One conversation per e-mail alert, each on a thread of its own in the checks' namespace. */
    private final java.util.concurrent.ExecutorService mailThreads;
    private final Healthcheckers checkers;
    private final FullNat fullNat;
    private LocalAddressWatch addresses;
    private RoutingDaemonWatch routingDaemon;
    private boolean dontReleaseIpvs;

    public CheckerService(Ipvs ipvs, NetworkContext network, Logger log) {
        this(ipvs, IpvsNamespace.own(), network, log, null);
    }

    /**
     * @param ipvsNamespace where {@code ipvs} is ({@code net_namespace_ipvs}): {@code vip_bind_dev}
     *                      binds its VIPs there, where IPVS sees the traffic to them
     * @param network       where the checks run
     * @param fullNat       the FullNAT state of the namespace whose IPVS this programs (keepalived-j's
     *                      {@code lb_kind FNAT} extension), or {@code null} where FullNAT is not offered
     */
    public CheckerService(Ipvs ipvs, IpvsNamespace ipvsNamespace, NetworkContext network, Logger log, FullNat fullNat) {
        this.network = network;
        this.log = log;
        this.fullNat = fullNat;
        this.probes = new ProbeFactory(network, TlsContexts.acceptingAnyServer(null));
        this.notifier = new LvsNotifier(log, new ScriptRunner(network, log));
        this.fifos = new NotifyFifos("lvs", network.namespace(), log);
        this.mailThreads = SmtpAlerts.threads(network.namespace());
        this.checkers = new Healthcheckers(ipvs, ipvsNamespace, probes, scheduler, notifier, log,
                RandomGenerator.getDefault());
    }

    /** Starts checking; {@code dontReleaseIpvs} is {@code -I}: leave IPVS as it is at shutdown. */
    public Reconciler.Result start(KeepalivedConfig config, boolean dontReleaseIpvs) {
        this.dontReleaseIpvs = dontReleaseIpvs;
        prepare(config);
        fullNat(LvsConfigMapping.fullNat(config), LvsConfigMapping.vrrpAddresses(config));
        List<io.lvsj.keepalived.lvs.VirtualServerSpec> specs = LvsConfigMapping.virtualServers(config, log::info);
        mail(config, specs);
        return checkers.start(specs, LvsConfigMapping.settings(config, dontReleaseIpvs));
    }

    /** SIGHUP: only what changed changes. */
    public Reconciler.Result reload(KeepalivedConfig config) {
        prepare(config);
        fullNat(LvsConfigMapping.fullNat(config), LvsConfigMapping.vrrpAddresses(config));
        List<io.lvsj.keepalived.lvs.VirtualServerSpec> specs = LvsConfigMapping.virtualServers(config, log::info);
        mail(config, specs);
        return checkers.reload(specs, LvsConfigMapping.settings(config, dontReleaseIpvs));
    }

    /** SIGTERM: checkers stop, IPVS is cleaned as the settings say, and with it FullNAT's rules and addresses. */
    public Reconciler.Result stop() {
        Reconciler.Result result = checkers.stop();
        if (!dontReleaseIpvs) {
            fullNat(FullNatTable.empty(), java.util.Set.of());
        }
        return result;
    }

    /**
     * Makes FullNAT's rules, addresses and sysctls match {@code table} (leaving the local addresses
     * that are VRRP VIPs to VRRP, so they follow the master): before IPVS changes on
     * start and reload (a source NAT rule for a server IPVS does not have yet is harmless; a
     * FullNAT server without its rule would be answered like NAT), after IPVS at stop. A
     * failure is logged, as keepalived logs an IPVS error and carries on.
     */
    private void fullNat(FullNatTable table, java.util.Set<java.net.InetAddress> vrrpAddresses) {
        if (fullNat == null) {
            if (!table.isEmpty()) {
                log.warn("FullNAT (lb_kind FNAT) is not available here: its virtual servers run as NAT");
            }
            return;
        }
        try {
            fullNat.apply(table, vrrpAddresses).forEach(w -> log.warn("FullNAT: {}", w));
        } catch (FullNatException e) {
            log.error("FullNAT: {}", e.getMessage());
        }
    }

    public Healthcheckers healthcheckers() {
        return checkers;
    }

    /** The checkers' e-mail alerts as {@code config} asks for them (none without smtp_server and addresses). */
    private void mail(KeepalivedConfig config, List<io.lvsj.keepalived.lvs.VirtualServerSpec> specs) {
        LvsConfigMapping.MailPolicy policy = LvsConfigMapping.mailPolicy(config, specs);
        notifier.setMail(SmtpAlerts.of(config.global().notification(), log, mailThreads)
                .map(alerts -> new LvsNotifier.Mail(alerts, policy::mailsAbout, policy::mailsAbout, policy.noCheckerEmails()))
                .orElse(null));
    }

    private void prepare(KeepalivedConfig config) {
        probes.setTls(TlsContexts.acceptingAnyServer(config.ssl().map(this::clientKeys).orElse(null)));
        notifier.setFifos(fifos.configure(LvsConfigMapping.fifos(config)));
        followRoutingDaemon(config.global().lvs().routingDaemon());
        boolean suspend = config.virtualServers().stream().anyMatch(vs -> vs.haSuspend());
        if (suspend && addresses == null) {
            addresses = new LocalAddressWatch(network.call(RtnlClient::open), checkers::setLocalAddresses, log);
        } else if (!suspend && addresses != null) {
            addresses.close();
            addresses = null;
            checkers.setLocalAddresses(null);
        }
    }

    /** {@code routing_daemon}: asked while configured; a reload that names another daemon starts over. */
    private void followRoutingDaemon(Optional<GlobalDefs.RoutingDaemon> daemon) {
        if (routingDaemon != null && !daemon.equals(Optional.of(routingDaemon.daemon()))) {
            routingDaemon.close();
            routingDaemon = null;
        }
        if (routingDaemon == null && daemon.isPresent()) {
            routingDaemon = new RoutingDaemonWatch(daemon.get(), log);
        }
    }

    private KeyManager[] clientKeys(SslContext ssl) {
        if (ssl.certificate().isEmpty() || ssl.key().isEmpty()) {
            return null;
        }
        try {
            return ClientCredentials.load(Path.of(ssl.certificate().get()), Path.of(ssl.key().get()), ssl.password());
        } catch (IOException e) {
            log.info(ssl.location() + ": SSL error: " + e.getMessage() + "; SSL_GET checks run without a client certificate");
            return null;
        }
    }


    @Override
    public void close() {
        if (addresses != null) {
            addresses.close();
        }
        if (routingDaemon != null) {
            routingDaemon.close();
        }
        checkers.close();
        scheduler.close();
        notifier.setFifos(List.of());
        fifos.close();
        SmtpAlerts.finish(mailThreads);
    }
}
