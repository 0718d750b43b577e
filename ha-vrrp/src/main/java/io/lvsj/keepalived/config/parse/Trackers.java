package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Tracked;

import java.util.List;

/**
 * The entries of {@code track_interface}, {@code track_script}, {@code track_file},
 * {@code track_process} and {@code track_bfd} blocks ({@code alloc_track_*} in keepalived's
 * {@code vrrp_track.c} and {@code track_file.c}). Trackers refer to things defined earlier in
 * the file: keepalived looks them up as it reads.
 */
final class Trackers {
    private final ParseContext ctx;

    Trackers(ParseContext ctx) {
        this.ctx = ctx;
    }

    private static boolean tracking(List<Tracked> list, String name) {
        return list.stream().anyMatch(t -> t.name().equals(name));
    }

    void trackInterface(String owner, List<Tracked> list, Statement st) {
        String name = st.word(0);
        if (ctx.interfaceDynamic(name).isEmpty()) {
            ctx.error(st, "(" + owner + ") tracked interface " + name + " doesn't exist");
            return;
        }
        if (tracking(list, name)) {
            ctx.error(st, "(" + owner + ") duplicate track_interface " + name + " - ignoring");
            return;
        }
        long weight = 0;
        boolean reverse = false;
        if (st.size() >= 2) {
            if (!st.word(1).equals("weight")) {
                ctx.error(st, "(" + owner + ") unknown track_interface " + name + " option " + st.word(1) + " - ignoring");
                return;
            }
            if (st.size() == 2) {
                ctx.error(st, "(" + owner + ") weight without value specified for track_interface " + name + " - ignoring");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(2), -254, 254, true);
            if (w == null) {
                ctx.error(st, "(" + owner + ") weight " + st.word(2) + " for " + name + " must be between [-253..253] inclusive. Ignoring...");
                weight = 0;
            } else if (w == -254 || w == 254) {
                ctx.error(st, "(" + owner + ") weight for " + name + " cannot be +/-254. Setting to +/-253");
                weight = w < 0 ? -253 : 253;
            } else {
                weight = w;
            }
            if (st.size() >= 4) {
                if (st.word(3).equals("reverse")) {
                    reverse = true;
                } else {
                    ctx.error(st, "(" + owner + ") unknown track_interace " + name + " weight option " + st.word(3) + " - ignoring");
                }
            }
        }
        list.add(new Tracked(st.location(), name, (int) weight, reverse));
    }

    void trackScript(String owner, List<Tracked> list, Statement st) {
        String name = st.word(0);
        VrrpData.ScriptDraft script = ctx.vrrp.findScript(name);
        if (script == null) {
            ctx.error(st, "(" + owner + ") track script " + name + " not found, ignoring...");
            return;
        }
        if (tracking(list, name)) {
            ctx.error(st, "(" + owner + ") duplicate track_script " + name + " - ignoring");
            return;
        }
        long weight = script.weight;
        boolean reverse = script.reverse;
        if (st.size() >= 2) {
            if (!st.word(1).equals("weight")) {
                ctx.error(st, "(" + owner + ") unknown track script option " + st.word(1) + " - ignoring");
                return;
            }
            if (st.size() == 2) {
                ctx.error(st, "(" + owner + ") weight without value specified for track script " + name + " - ignoring");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(2), -254, 254, true);
            if (w == null) {
                weight = script.weight;
                ctx.error(st, "(" + owner + ") track script " + name + ": weight must be between [-253..253] inclusive, ignoring...");
            } else if (w == -254 || w == 254) {
                ctx.error(st, "(" + owner + ") weight for " + name + " cannot be +/-254. Setting to +/-253");
                weight = w < 0 ? -253 : 253;
            } else {
                weight = w;
            }
            if (st.size() >= 4) {
                switch (st.word(3)) {
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> ctx.error(st, "(" + owner + ") unknown track_script " + name + " weight option " + st.word(3) + " - ignoring");
                }
            }
        }
        list.add(new Tracked(st.location(), name, (int) weight, reverse));
    }

    void trackFile(String owner, List<Tracked> list, Statement st) {
        String name = st.word(0);
        TrackFileDraft file = ctx.findTrackFile(name);
        if (file == null) {
            ctx.error(st, "(" + owner + ") track file " + name + " not found, ignoring...");
            return;
        }
        if (tracking(list, name)) {
            ctx.error(st, "(" + owner + ") duplicate track_file " + name + " - ignoring");
            return;
        }
        long weight = file.weight;
        boolean reverse = file.reverse;
        if (st.size() >= 2) {
            if (!st.word(1).equals("weight")) {
                ctx.error(st, "(" + owner + ") unknown track file option " + st.word(1) + " - ignoring");
                return;
            }
            if (st.size() == 2) {
                ctx.error(st, "(" + owner + ") weight without value specified for track file " + name + " - ignoring");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(2), -254, 254, true);
            if (w == null) {
                ctx.error(st, "(" + owner + ") weight for track file " + name + " must be in [-254..254] inclusive. Ignoring...");
                weight = file.weight;
            } else {
                weight = w;
            }
            if (st.size() >= 4) {
                switch (st.word(3)) {
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> {
                        ctx.error(st, "(" + owner + ") unknown track file " + name + " weight option " + st.word(3) + " - ignoring");
                        return;
                    }
                }
            }
        }
        list.add(new Tracked(st.location(), name, (int) weight, reverse));
    }

    void trackProcess(String owner, List<Tracked> list, Statement st) {
        String name = st.word(0);
        VrrpData.TrackProcessDraft process = ctx.vrrp.findTrackProcess(name);
        if (process == null) {
            ctx.error(st, "(" + owner + ") track process " + name + " not found, ignoring...");
            return;
        }
        if (tracking(list, name)) {
            ctx.error(st, "(" + owner + ") duplicate track_process " + name + " - ignoring");
            return;
        }
        long weight = process.weight;
        boolean reverse = process.reverse;
        if (st.size() >= 2) {
            if (!st.word(1).equals("weight")) {
                ctx.error(st, "(" + owner + ") unknown track process option " + st.word(1) + " - ignoring");
                return;
            }
            if (st.size() == 2) {
                ctx.error(st, "(" + owner + ") weight without value specified for track process " + name + " - ignoring");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(2), -254, 254, true);
            if (w == null) {
                ctx.error(st, "(" + owner + ") weight for track process " + name + " must be in [-254..254] inclusive. Ignoring...");
                weight = process.weight;
            } else {
                weight = w;
            }
            if (st.size() >= 4) {
                switch (st.word(3)) {
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> ctx.error(st, "(" + owner + ") unknown track_process " + name + " weight option " + st.word(3) + " - ignoring");
                }
            }
        }
        list.add(new Tracked(st.location(), name, (int) weight, reverse));
    }

    void trackBfd(String owner, List<Tracked> list, Statement st) {
        String name = st.word(0);
        VrrpData.TrackedBfdDraft bfd = ctx.vrrp.findBfd(name);
        if (bfd == null) {
            ctx.error(st, "(" + owner + ") track bfd " + name + " not found, ignoring...");
            return;
        }
        if (tracking(list, name)) {
            ctx.error(st, "(" + owner + ") duplicate track_bfd " + name + " - ignoring");
            return;
        }
        long weight = bfd.weight;
        boolean reverse = bfd.reverse;
        if (st.size() >= 2) {
            if (!st.word(1).equals("weight")) {
                ctx.error(st, "(" + owner + ") unknown track bfd " + name + " option " + st.word(1) + " - ignoring");
                return;
            }
            if (st.size() == 2) {
                ctx.error(st, "(" + owner + ") weight without value specified for track bfd " + name + " - ignoring");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(2), -253, 253, true);
            if (w == null) {
                ctx.error(st, "(" + owner + ") weight for track bfd " + name + " must be in [-253..253] inclusive. Ignoring...");
                weight = bfd.weight;
            } else {
                weight = w;
            }
            if (st.size() >= 4) {
                switch (st.word(3)) {
                    case "reverse" -> reverse = true;
                    case "noreverse" -> reverse = false;
                    default -> {
                        ctx.error(st, "(" + owner + ") unknown track bfd " + name + " weight option " + st.word(3) + " - ignoring");
                        return;
                    }
                }
            }
        }
        list.add(new Tracked(st.location(), name, (int) weight, reverse));
    }
}
