package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.VrrpConfig;

/** A router on the lab segment running either keepalived-j or Debian's keepalived. */
interface Router extends AutoCloseable {
    /** "keepalived-j" or "keepalived". */
    String kind();

    /** The namespace it runs in. */
    String namespace();

    void start(VrrpConfig config);

    /** Starts on a keepalived.conf as written (the command-line routers: keepalived and keepalived-j). */
    default void start(String keepalivedConf) {
        throw new UnsupportedOperationException(kind() + " runs a VrrpConfig, not keepalived.conf text");
    }

    /** SIGTERM: priority 0, VIPs removed. */
    void stop();

    /** SIGKILL: silent, addresses left as they are. */
    void kill();

    boolean running();

    /** Its log so far, for failure messages. */
    String log();

    @Override
    default void close() {
        if (running()) {
            stop();
        }
    }
}
