package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.config.host.NetInterface;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every handler needs while one configuration is parsed: where to report, how to read
 * numbers, the host's facts, the block parser (for value blocks and skipping), and the data
 * gathered so far.
 */
final class ParseContext {
    final Diagnostics diagnostics;
    final Numbers numbers;
    final Host host;
    final GlobalDraft global = new GlobalDraft();
    final VrrpData vrrp = new VrrpData();
    final CheckData check = new CheckData();
    final java.util.List<TrackFileDraft> trackFiles = new java.util.ArrayList<>();
    final ScriptFactory scripts;
    final RtTables rtTables;
    BlockParser parser;
    /** keepalived's {@code non_existent_interface_specified}: the VRRP process stops before completing. */
    boolean missingInterface;

    ParseContext(Diagnostics diagnostics, Host host) {
        this.diagnostics = diagnostics;
        this.numbers = new Numbers(diagnostics);
        this.host = host;
        this.scripts = new ScriptFactory(this);
        this.rtTables = new RtTables(host::iprouteFile);
    }

    TrackFileDraft findTrackFile(String name) {
        return trackFiles.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
    }

    void report(Statement st, Severity severity, String message) {
        report(st == null ? Location.NONE : st.location(), severity, message);
    }

    void error(Statement st, String message) {
        report(st, Severity.GENERAL, message);
    }

    /**
     * An error about a value block just read: keepalived's current line is then the one that
     * ended the block, and its message names that line.
     */
    void errorAtBlockEnd(String message) {
        report(parser.current(), Severity.GENERAL, message);
    }

    void note(Statement st, String message) {
        report(st, Severity.NOTE, message);
    }

    /**
     * While a block's close handler runs, keepalived's current line is the block's closing
     * '}' (or the last line, at the end of the file), and every message it reports names it:
     * so do ours.
     */
    void report(Location at, Severity severity, String message) {
        Location closing = parser == null ? null : parser.closing();
        // a message keepalived gives without a line (logged, not reported) keeps none
        diagnostics.report(closing != null && at.line() > 0 ? closing : at, severity, message);
    }

    Numbers numbers(Statement st) {
        return numbers.at(st.location());
    }

    /**
     * A timer keyword's one value, as keepalived's {@code read_timer} reads it (seconds, with
     * decimals; {@code max} 0 for no maximum): given to {@code set}, or {@code message} with
     * {@code %s} as the word is reported and nothing changes.
     */
    void timer(Statement st, long min, long max, String message, Consumer<Long> set) {
        Long v = numbers(st).readTimer(st.word(1), min, max, true);
        if (v == null) {
            error(st, message.replace("%s", st.word(1)));
            return;
        }
        set.accept(v);
    }

    /**
     * A yes/no keyword, as keepalived's {@code check_true_false} reads it (no word: yes):
     * given to {@code set}, or {@code message} with {@code %s} as the word is reported.
     */
    void bool(Statement st, String message, Consumer<Boolean> set) {
        int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
        if (res < 0) {
            error(st, message.replace("%s", st.word(1)));
            return;
        }
        set.accept(res == 1);
    }

    /**
     * keepalived's {@code if_get_by_ifname(name, IF_CREATE_IF_DYNAMIC)}: an interface that
     * does not exist is remembered as missing, unless {@code dynamic_interfaces} is set, in
     * which case keepalived waits for it to appear.
     */
    Optional<NetInterface> interfaceDynamic(String name) {
        Optional<NetInterface> found = host.networkInterface(name);
        if (found.isPresent()) {
            return found;
        }
        if (global.dynamicInterfaces) {
            return Optional.of(new NetInterface(name, 0, false, true, true, 1500, ""));
        }
        missingInterface = true;
        return Optional.empty();
    }
}
