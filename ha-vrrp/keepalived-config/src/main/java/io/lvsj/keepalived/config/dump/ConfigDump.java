package io.lvsj.keepalived.config.dump;

import io.lvsj.keepalived.config.KeepalivedConfig;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a configuration back as {@code keepalived.conf} text, every default made explicit,
 * from the Pebble templates under {@code io/lvsj/keepalived/config/dump/} on the class path.
 * Reading the text back gives an equal configuration.
 */
public final class ConfigDump {
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(classpath())
            .autoEscaping(false)
            .strictVariables(true)
            .newLineTrimming(false)
            .extension(new DumpExtension())
            .build();

    private ConfigDump() {
    }

    private static ClasspathLoader classpath() {
        ClasspathLoader loader = new ClasspathLoader(ConfigDump.class.getClassLoader());
        loader.setPrefix("io/lvsj/keepalived/config/dump");
        loader.setSuffix(".peb");
        return loader;
    }

    public static String render(KeepalivedConfig config) {
        PebbleTemplate template = ENGINE.getTemplate("keepalived.conf");
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, Map.of("config", config, "g", config.global()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
