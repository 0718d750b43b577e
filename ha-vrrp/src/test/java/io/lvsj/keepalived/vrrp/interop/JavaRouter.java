package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.daemon.VrrpDaemon;
import io.lvsj.log.LogOutput;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

/** keepalived-j's VRRP daemon, run in this JVM with its threads inside the router's namespace. */
final class JavaRouter implements Router {
    private final String namespace;
    private final StringBuffer log = new StringBuffer();
    private VrrpDaemon daemon;

    JavaRouter(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public String kind() {
        return "keepalived-j";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public void start(VrrpConfig config) {
        Logger sink = LogOutput.lines(message -> {
            synchronized (log) {
                log.append(System.nanoTime() / 1_000_000).append(' ').append(message).append('\n');
            }
        }, true);
        daemon = VrrpDaemon.start(config, NetNamespace.named(namespace), sink);
    }

    /** SIGHUP with a new configuration. */
    void reload(VrrpConfig config) {
        daemon.reload(config);
    }

    @Override
    public void stop() {
        daemon.stop();
        daemon = null;
    }

    @Override
    public void kill() {
        daemon.abort();
        daemon = null;
    }

    @Override
    public boolean running() {
        return daemon != null;
    }

    VrrpState state(String instance) {
        return daemon.query(e -> e.router(instance).state());
    }

    @Override
    public String log() {
        return log.toString();
    }
}
