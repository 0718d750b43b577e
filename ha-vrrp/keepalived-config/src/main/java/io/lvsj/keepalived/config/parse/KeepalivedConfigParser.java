package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.VirtualServerGroup;
import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.config.read.ConfigCopy;
import io.lvsj.keepalived.config.read.ConfigLine;
import io.lvsj.keepalived.config.read.ConfigReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Reads a {@code keepalived.conf} the way keepalived 2.2.7 does and returns the model with
 * every problem found. Like keepalived, it reads in two passes over the same lines: the first
 * sees only the global keywords (so {@code global_defs} applies wherever it is written), the
 * second everything else; then it runs keepalived's completion checks for the checker and VRRP
 * sides.
 */
public final class KeepalivedConfigParser {

    /**
     * What to read and in what surroundings.
     *
     * @param configFile       the {@code -f} argument (a glob pattern, as keepalived allows)
     * @param workingDirectory where relative names start
     * @param configId         the {@code -i} value, or null for the host name up to its first dot
     * @param host             interfaces, users, host name
     * @param allConfig        {@code -e}: every include must match, as with a bare {@code include_check}
     */
    public record Request(String configFile, Path workingDirectory, String configId, Host host, RandomGenerator random,
                          boolean allConfig) {
    }

    private KeepalivedConfigParser() {
    }

    public static ConfigReport parse(Request request) {
        Diagnostics diagnostics = new Diagnostics();
        String configId = request.configId() != null ? request.configId() : shortName(request.host().hostname());
        ParseContext ctx = new ParseContext(diagnostics, request.host());
        if (!MainFile.check(request.configFile(), request.workingDirectory(), request.allConfig(), diagnostics)) {
            return refused(ctx, ConfigReport.Outcome.NOT_READ);
        }
        ConfigReader reader = new ConfigReader(configId, request.workingDirectory(), request.random(), diagnostics);
        if (request.allConfig()) {
            reader.includeCheck(List.of("include_check"), Location.NONE);
        }
        if (!reader.open(request.configFile())) {
            diagnostics.report(Location.NONE, Severity.NOTE, "Failed to open configuration file");
        }

        Sections sections = new Sections(ctx);
        try (ConfigCopy copy = new ConfigCopy()) {
            ConfigReport refused = readTwice(ctx, reader, copy, sections);
            if (refused != null) {
                return refused;
            }
        }
        return complete(ctx, sections);
    }

    /** The two passes over the lines; a report when reading stopped, else null. */
    private static ConfigReport readTwice(ParseContext ctx, ConfigReader reader, ConfigCopy lines, Sections sections) {
        Diagnostics diagnostics = ctx.diagnostics;
        // Pass 1: keepalived's parent process, global keywords only; it records the lines.
        Grammar parent = new Grammar();
        new GlobalSection(ctx, st -> reader.includeCheck(st.words(), st.location())).install(parent, true);
        sections.install(parent, false);
        try {
            run(ctx, new BlockParser.Lines() {
                @Override
                public ConfigLine get() {
                    ConfigLine line = reader.next();
                    if (line != null) {
                        lines.add(line);
                    }
                    return line;
                }

                @Override
                public int skip(int level) {
                    return reader.skipPlain(level, lines);
                }

                @Override
                public Location skipped() {
                    return reader.skipped();
                }
            }, parent);
        } catch (MissingParameter e) {
            diagnostics.report(e.location(), Severity.MISSING_PARAMETER, e.getMessage());
            return refused(ctx, ConfigReport.Outcome.MISSING_PARAMETER);
        }
        if (reader.fileError()) {
            return refused(ctx, ConfigReport.Outcome.INCLUDE_FAILED);
        }

        startStopScripts(ctx);

        // Pass 2: the VRRP, checker and BFD processes, over the same lines.
        Grammar children = new Grammar();
        new GlobalSection(ctx, st -> { }).install(children, false);
        sections.install(children, true);
        try {
            run(ctx, lines.childLines(), children);
        } catch (MissingParameter e) {
            diagnostics.report(e.location(), Severity.MISSING_PARAMETER, e.getMessage());
            return refused(ctx, ConfigReport.Outcome.MISSING_PARAMETER);
        }
        return null;
    }

    /** keepalived's completion checks, once both passes have read every line. */
    private static ConfigReport complete(ParseContext ctx, Sections sections) {
        Diagnostics diagnostics = ctx.diagnostics;
        VrrpCompletion vrrp = new VrrpCompletion(ctx);
        var virtualServers = new CheckCompletion(ctx, vrrp).run();
        boolean vrrpStops = false;
        if (ctx.missingInterface) {
            diagnostics.report(Location.NONE, Severity.BAD_INTERFACE, "Non-existent interface specified in configuration");
            vrrpStops = true;
        } else {
            vrrp.run();
            vrrpStops = !vrrp.completed();
        }
        var groups = ctx.check.groups.stream().map(g -> new VirtualServerGroup(g.location, g.name, g.entries)).toList();
        return report(ctx, new ModelBuilder(ctx), ConfigReport.Outcome.CHECKED, vrrpStops, virtualServers, groups,
                sections.bfd.instances);
    }

    /**
     * keepalived's parent checks the startup and shutdown scripts before the children read the
     * configuration: one that cannot run is dropped, and any that would run without
     * {@code enable_script_security} is a security violation.
     */
    private static void startStopScripts(ParseContext ctx) {
        ScriptSecurity security = new ScriptSecurity(ctx);
        int flags = startStopScript(ctx, security, ctx.global.startupScript, s -> ctx.global.startupScript = s);
        flags |= startStopScript(ctx, security, ctx.global.shutdownScript, s -> ctx.global.shutdownScript = s);
        if (!ctx.global.scriptSecurity && (flags & ScriptSecurity.IS_SCRIPT) != 0) {
            ctx.report(Location.NONE, Severity.SECURITY,
                    "SECURITY VIOLATION - start/shutdown scripts are being executed but script_security not enabled."
                            + ((flags & ScriptSecurity.INSECURE) != 0 ? " There are insecure scripts." : ""));
        }
    }

    private static int startStopScript(ParseContext ctx, ScriptSecurity security, io.lvsj.keepalived.config.Script script,
                                       java.util.function.Consumer<io.lvsj.keepalived.config.Script> set) {
        if (script == null) {
            return 0;
        }
        ScriptSecurity.Checked checked = security.check(script.command(), ctx.scripts.accountOf(script), script.location());
        int flags = checked.flags();
        if ((flags & (ScriptSecurity.INHIBIT | ScriptSecurity.NOT_FOUND)) != 0
                || (flags & (ScriptSecurity.EXECUTABLE | ScriptSecurity.SYSTEM)) == 0) {
            set.accept(null);
        } else {
            set.accept(new io.lvsj.keepalived.config.Script(script.location(), checked.command(), script.user(), script.group()));
        }
        return flags;
    }

    private static void run(ParseContext ctx, java.util.function.Supplier<ConfigLine> source, Grammar grammar) {
        BlockParser parser = new BlockParser(source, ctx.diagnostics);
        ctx.parser = parser;
        parser.parse(grammar);
    }

    /**
     * A configuration keepalived stops reading (a missing parameter, a strict include that
     * failed) or cannot read: nothing of it will run, so the model holds its global settings
     * only. The drafts of the blocks read so far are never turned into values: reading stopped
     * in the middle of one (a {@code vrrp_script} without its {@code script}, say).
     */
    private static ConfigReport refused(ParseContext ctx, ConfigReport.Outcome outcome) {
        KeepalivedConfig config = new KeepalivedConfig(new ModelBuilder(ctx).global(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                Optional.empty(), List.of(), List.of(), List.of());
        return new ConfigReport(config, ctx.diagnostics.all(), outcome, ctx.diagnostics.exitStatus(), false);
    }

    private static ConfigReport report(ParseContext ctx, ModelBuilder model, ConfigReport.Outcome outcome, boolean vrrpStops,
                                       List<io.lvsj.keepalived.config.VirtualServer> virtualServers,
                                       List<VirtualServerGroup> groups, List<io.lvsj.keepalived.config.BfdInstance> bfds) {
        KeepalivedConfig config = new KeepalivedConfig(model.global(), ctx.vrrp.staticAddresses, ctx.vrrp.staticRoutes,
                ctx.vrrp.staticRules, model.trackGroups(), model.scripts(), model.trackFiles(), model.trackProcesses(),
                bfds, model.garpGroups(), model.interfaces(), model.syncGroups(), model.instances(),
                Optional.ofNullable(ctx.check.ssl), groups, virtualServers, ctx.check.localAddressGroups);
        return new ConfigReport(config, ctx.diagnostics.all(), outcome, ctx.diagnostics.exitStatus(), vrrpStops);
    }

    static String shortName(String hostname) {
        int dot = hostname.indexOf('.');
        return dot < 0 ? hostname : hostname.substring(0, dot);
    }
}
