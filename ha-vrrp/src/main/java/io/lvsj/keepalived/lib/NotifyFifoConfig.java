package io.lvsj.keepalived.lib;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.script.RunAs;
import io.lvsj.keepalived.script.ScriptUsers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notify FIFO as a process opens it ({@code notify_fifo}, {@code vrrp_notify_fifo},
 * {@code lvs_notify_fifo} with their {@code _script}s).
 *
 * @param path          the FIFO
 * @param kind          keepalived's prefix for it in log lines: {@code ""}, {@code "vrrp_"} or {@code "lvs_"}
 * @param owner         {@code notify_fifo FIFO USER [GROUP]}: the owner a FIFO we make is given
 * @param reader        the {@code notify_fifo_script}'s words, started with the FIFO's path
 *                      appended; empty when there is none (or another process runs it)
 * @param readerAccount whom the reader runs as
 */
public record NotifyFifoConfig(Path path, String kind, RunAs owner, List<String> reader, RunAs readerAccount) {
    public NotifyFifoConfig {
        Objects.requireNonNull(path);
        owner = owner == null ? RunAs.DEFAULT : owner;
        reader = reader == null ? List.of() : List.copyOf(reader);
        readerAccount = readerAccount == null ? RunAs.DEFAULT : readerAccount;
    }

    /** A FIFO with no reader, owned by keepalived-j. */
    public static NotifyFifoConfig of(Path path) {
        return new NotifyFifoConfig(path, "", RunAs.DEFAULT, List.of(), RunAs.DEFAULT);
    }

    /**
     * The VRRP side's FIFOs: {@code notify_fifo}, then {@code vrrp_notify_fifo}. The global
     * FIFO's reader is the checker side's to run when the checkers run (keepalived's
     * {@code vrrp_complete_init}: only one process may run it).
     */
    public static List<NotifyFifoConfig> forVrrp(GlobalDefs global, boolean checkersRun) {
        return of(global, global.fifos().vrrp(), "vrrp_", !checkersRun);
    }

    /** The checker side's FIFOs: {@code notify_fifo} with its reader, then {@code lvs_notify_fifo}. */
    public static List<NotifyFifoConfig> forCheckers(GlobalDefs global) {
        Optional<GlobalDefs.Fifo> lvs = global.fifos().lvs();
        // keepalived's init_global_data: the LVS FIFO's reader gives way to the VRRP FIFO's on the same path
        Optional<GlobalDefs.Fifo> vrrp = global.fifos().vrrp();
        if (lvs.isPresent() && vrrp.isPresent() && lvs.get().name().isPresent()
                && lvs.get().name().equals(vrrp.get().name()) && lvs.get().script().isPresent()
                && vrrp.get().script().isPresent()) {
            lvs = Optional.of(new GlobalDefs.Fifo(lvs.get().name(), lvs.get().user(), lvs.get().group(), Optional.empty()));
        }
        return of(global, lvs, "lvs_", true);
    }

    /**
     * The global FIFO (with its reader when {@code globalReader}) and the process's own, which
     * keepalived drops when it names the global FIFO's path (a FIFO opened twice would get
     * every line twice).
     */
    private static List<NotifyFifoConfig> of(GlobalDefs global, Optional<GlobalDefs.Fifo> own, String ownKind,
                                             boolean globalReader) {
        List<NotifyFifoConfig> out = new ArrayList<>();
        Optional<GlobalDefs.Fifo> all = global.fifos().global();
        all.flatMap(f -> config(f, "", globalReader, global.scripts())).ifPresent(out::add);
        own.filter(f -> all.flatMap(GlobalDefs.Fifo::name).isEmpty() || !all.get().name().equals(f.name()))
                .flatMap(f -> config(f, ownKind, true, global.scripts())).ifPresent(out::add);
        return out;
    }

    private static Optional<NotifyFifoConfig> config(GlobalDefs.Fifo fifo, String kind, boolean withReader,
                                                     GlobalDefs.Scripts scripts) {
        if (fifo.name().isEmpty()) {
            return Optional.empty();
        }
        RunAs owner = fifo.user().isPresent() ? new RunAs(fifo.user().get(), fifo.group().orElse(null))
                : ScriptUsers.byDefault(scripts);
        List<String> reader = withReader ? fifo.script().map(s -> s.command()).orElse(List.of()) : List.of();
        RunAs readerAccount = fifo.script().map(s -> ScriptUsers.of(s, scripts)).orElse(RunAs.DEFAULT);
        return Optional.of(new NotifyFifoConfig(Path.of(fifo.name().get()), kind, owner, reader, readerAccount));
    }
}
