package io.lvsj.keepalived.config.parse;

import java.util.function.Consumer;

/**
 * The {@code global_defs} keywords that tune keepalived's processes (priorities, CPU
 * affinity, memory locking, real-time limits), its notify FIFOs and its netlink buffers.
 */
final class GlobalProcessKeywords extends GlobalKeywords {

    GlobalProcessKeywords(ParseContext ctx) {
        super(ctx);
    }

    void install(Keyword defs) {
        tuning(defs, "vrrp", g.vrrpTuning);
        fifo(defs, "notify_fifo", "", g.notifyFifo);
        fifoScript(defs, "notify_fifo_script", "", g.notifyFifo);
        fifo(defs, "vrrp_notify_fifo", "vrrp_", g.vrrpNotifyFifo);
        fifoScript(defs, "vrrp_notify_fifo_script", "vrrp_", g.vrrpNotifyFifo);
        fifo(defs, "lvs_notify_fifo", "lvs_", g.lvsNotifyFifo);
        fifoScript(defs, "lvs_notify_fifo_script", "lvs_", g.lvsNotifyFifo);
        tuning(defs, "checker", g.checkerTuning);
        tuning(defs, "bfd", g.bfdTuning);
        buffer(defs, "vrrp_netlink_cmd_rcv_bufs", v -> g.vrrpNetlinkCmd = v);
        force(defs, "vrrp_netlink_cmd_rcv_bufs_force", v -> g.vrrpNetlinkCmdForce = v);
        buffer(defs, "vrrp_netlink_monitor_rcv_bufs", v -> g.vrrpNetlinkMonitor = v);
        force(defs, "vrrp_netlink_monitor_rcv_bufs_force", v -> g.vrrpNetlinkMonitorForce = v);
        buffer(defs, "process_monitor_rcv_bufs", v -> g.processMonitor = v);
        force(defs, "process_monitor_rcv_bufs_force", v -> g.processMonitorForce = v);
        buffer(defs, "lvs_netlink_cmd_rcv_bufs", v -> g.lvsNetlinkCmd = v);
        force(defs, "lvs_netlink_cmd_rcv_bufs_force", v -> g.lvsNetlinkCmdForce = v);
        buffer(defs, "lvs_netlink_monitor_rcv_bufs", v -> g.lvsNetlinkMonitor = v);
        force(defs, "lvs_netlink_monitor_rcv_bufs_force", v -> g.lvsNetlinkMonitorForce = v);
    }

    private void tuning(Keyword defs, String process, GlobalDraft.Tuning t) {
        kw(defs, process + "_priority", st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + process + " process priority specified");
                t.priority = 0;
                return;
            }
            Long p = ctx.numbers(st).readInt(st.word(1), -20, 19, true);
            if (p == null) {
                ctx.error(st, "Invalid " + process + " process priority specified");
                t.priority = 0;
                return;
            }
            t.priority = p.intValue();
        });
        kw(defs, process + "_no_swap", st -> t.noSwap = true);
        kw(defs, process + "_rt_priority", st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + process + " process real-time priority specified");
                return;
            }
            Long p = ctx.numbers(st).readInt(st.word(1), Integer.MIN_VALUE, Integer.MAX_VALUE, true);
            if (p == null) {
                ctx.error(st, process + " process real-time priority '" + st.word(1) + "' invalid");
                return;
            }
            long priority = p;
            if (priority < SCHED_RR_MIN) {
                ctx.error(st, process + " process real-time priority " + priority + " less than minimum " + SCHED_RR_MIN + " - setting to minimum");
                priority = SCHED_RR_MIN;
            } else if (priority > SCHED_RR_MAX) {
                ctx.error(st, process + " process real-time priority " + priority + " greater than maximum " + SCHED_RR_MAX + " - setting to maximum");
                priority = SCHED_RR_MAX;
            }
            t.realtimePriority = (int) priority;
        });
        kw(defs, process + "_cpu_affinity", st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + process + " cpu_id set specified");
                return;
            }
            t.cpus.clear();
            for (int i = 1; i < st.size(); i++) {
                Long cpu = ctx.numbers(st).readInt(st.word(i), 0, ctx.host.cpuCount() - 1, true);
                if (cpu == null) {
                    ctx.error(st, "Invalid cpu_id:" + st.word(i) + " specified for " + process + " process");
                    t.cpus.clear();
                    return;
                }
                t.cpus.add(cpu.intValue());
            }
        });
        Consumer<Statement> rlimit = st -> {
            String keyword = st.word(0);
            if (keyword.charAt(keyword.length() - 5) == 'r') {
                ctx.note(st, "Keyword '" + keyword + "' is deprecated - please use '" + keyword.substring(0, keyword.length() - 5) + "rttime'");
            }
            Long limit = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, true);
            if (limit == null) {
                ctx.error(st, "Invalid " + process + " real-time limit - " + st.word(1));
                t.rlimit = 0;
                return;
            }
            t.rlimit = limit == 1 ? 2 : limit;
        };
        kw(defs, process + "_rlimit_rttime", rlimit);
        kw(defs, process + "_rlimit_rtime", rlimit);
    }

    private void fifo(Keyword defs, String keyword, String type, GlobalDraft.Fifo fifo) {
        kw(defs, keyword, st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + type + "notify_fifo name specified");
                return;
            }
            if (fifo.name != null) {
                ctx.error(st, type + "notify_fifo already specified - ignoring " + st.word(1));
                return;
            }
            if (st.size() > 2) {
                if (!ctx.scripts.userExists(st, st.word(2), st.optional(3))) {
                    ctx.note(st, "Invalid user/group for " + type + " fifo " + st.word(1) + " - ignoring");
                    return;
                }
                fifo.user = st.word(2);
                fifo.group = st.optional(3);
            } else if (!ctx.scripts.defaultUserUsable(st)) {
                ctx.note(st, "Failed to set default user for " + type + " fifo " + st.word(1) + " - ignoring");
                return;
            }
            fifo.name = st.word(1);
        });
    }

    private void fifoScript(Keyword defs, String keyword, String type, GlobalDraft.Fifo fifo) {
        kw(defs, keyword, st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + type + "notify_fifo_script specified");
                return;
            }
            if (fifo.script != null) {
                ctx.error(st, type + "notify_fifo_script already specified - ignoring " + st.word(1));
                return;
            }
            fifo.script = ctx.scripts.notifyScript(st, type + "notify_fifo");
        });
    }

    private void buffer(Keyword defs, String keyword, java.util.function.LongConsumer set) {
        String type = keyword.substring(0, keyword.length() - "_rcv_bufs".length());
        kw(defs, keyword, st -> {
            if (st.size() < 2) {
                ctx.error(st, type + "_rcv_bufs size missing");
                return;
            }
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, false);
            if (v == null) {
                ctx.error(st, type + "_rcv_bufs size (" + st.word(1) + ") invalid");
                return;
            }
            if (v != 0) {
                set.accept(v);
            }
        });
    }

    private void force(Keyword defs, String keyword, Consumer<Boolean> set) {
        bool(defs, keyword, "Invalid value '%s' for global " + keyword + " specified", set);
    }
}
