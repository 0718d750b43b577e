package io.lvsj.keepalived.aot;

import io.lvsj.keepalived.KeepalivedMain;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run for keepalived-j's AOT cache ({@code -XX:AOTCacheOutput}), started by the
 * launcher ({@code LVSJ_AOT_TRAINING=FILE bin/keepalived-j CONFIG...}) so the cache is made with
 * the options and class path the launcher starts with: the build makes one for the checkout,
 * the package build one for the packaged runtime. It runs the short commands people time
 * ({@code -t}, {@code --dump-config}, {@code -v}, {@code -h}, genhash's usage) on each
 * configuration given, so the classes they load are read, verified and linked from the cache
 * at start-up. Nothing is started and nothing in the system is changed; what the commands
 * print is thrown away.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] configs) {
        if (configs.length == 0) {
            System.err.println("usage: TrainingRun CONFIG...   (keepalived.conf files to check)");
            System.exit(2);
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (List<String> command : commands(configs)) {
            KeepalivedMain.run(command.toArray(String[]::new), quiet, quiet);
        }
    }

    /** The command lines, in the order a user meets them. */
    static List<List<String>> commands(String[] configs) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("-v"));
        commands.add(List.of("-h"));
        commands.add(List.of("-T", "-h"));
        commands.add(List.of("--signum", "RELOAD"));
        for (String config : configs) {
            commands.add(List.of("-t", "-f", config));
            commands.add(List.of("-D", "--config-test", "-f", config));
            commands.add(List.of("--dump-config", "-f", config));
        }
        return commands;
    }
}
