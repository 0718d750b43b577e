package io.lvsj.keepalived.config.dump;

import io.lvsj.keepalived.config.KeepalivedConfig;

/** Placeholder until the renderer is written. */
public final class ConfigDump {
    private ConfigDump() {
    }

    public static String render(KeepalivedConfig config) {
        return config.toString() + "\n";
    }
}
