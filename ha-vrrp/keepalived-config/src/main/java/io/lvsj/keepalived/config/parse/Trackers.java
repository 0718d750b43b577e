package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Tracked;

import java.util.List;

/**
 * The entries of {@code track_interface}, {@code track_script}, {@code track_file},
 * {@code track_process} and {@code track_bfd} blocks ({@code alloc_track_*} in keepalived's
 * {@code vrrp_track.c} and {@code track_file.c}). Trackers refer to things defined earlier in
 * the file: keepalived looks them up as it reads.
 *
 * <p>Every entry reads {@code NAME [weight W [reverse|noreverse]]}; the five kinds differ
 * only in what {@link Rule} says: their words (keepalived's, typos included, since
 * {@code keepalived -t} output is compared byte for byte), the weight range, and how
 * forgiving they are.
 */
final class Trackers {
    /**
     * How one kind of tracker reads its entries. Messages are {@link String#format} patterns
     * over {@code %1$s} the owner (instance or sync group), {@code %2$s} the tracked name and
     * {@code %3$s} the word in question.
     *
     * @param keyword             the block's keyword, for the duplicate message
     * @param notFound            the tracked thing is not defined (the entry is dropped)
     * @param unknownOption       the second word is not {@code weight} (dropped)
     * @param subject             how the missing-weight message names the entry
     * @param limit               the weight's bound, either way
     * @param clampLimit          a weight of exactly +/-{@code limit} is clamped to one less, with a warning
     * @param badWeight           the weight is not a number in range (the default weight is kept)
     * @param noreverse           {@code noreverse} is a known option
     * @param unknownWeightOption the word after the weight is not understood
     * @param dropOnUnknownWeightOption whether that drops the entry or just the word
     */
    private record Rule(String keyword, String notFound, String unknownOption, String subject, int limit,
                        boolean clampLimit, String badWeight, boolean noreverse, String unknownWeightOption,
                        boolean dropOnUnknownWeightOption) {
    }

    private static final Rule INTERFACE = new Rule("track_interface",
            "(%1$s) tracked interface %2$s doesn't exist",
            "(%1$s) unknown track_interface %2$s option %3$s - ignoring",
            "track_interface %2$s", 254, true,
            "(%1$s) weight %3$s for %2$s must be between [-253..253] inclusive. Ignoring...",
            false, "(%1$s) unknown track_interace %2$s weight option %3$s - ignoring", false);

    private static final Rule SCRIPT = new Rule("track_script",
            "(%1$s) track script %2$s not found, ignoring...",
            "(%1$s) unknown track script option %3$s - ignoring",
            "track script %2$s", 254, true,
            "(%1$s) track script %2$s: weight must be between [-253..253] inclusive, ignoring...",
            true, "(%1$s) unknown track_script %2$s weight option %3$s - ignoring", false);

    private static final Rule FILE = new Rule("track_file",
            "(%1$s) track file %2$s not found, ignoring...",
            "(%1$s) unknown track file option %3$s - ignoring",
            "track file %2$s", 254, false,
            "(%1$s) weight for track file %2$s must be in [-254..254] inclusive. Ignoring...",
            true, "(%1$s) unknown track file %2$s weight option %3$s - ignoring", true);

    private static final Rule PROCESS = new Rule("track_process",
            "(%1$s) track process %2$s not found, ignoring...",
            "(%1$s) unknown track process option %3$s - ignoring",
            "track process %2$s", 254, false,
            "(%1$s) weight for track process %2$s must be in [-254..254] inclusive. Ignoring...",
            true, "(%1$s) unknown track_process %2$s weight option %3$s - ignoring", false);

    private static final Rule BFD = new Rule("track_bfd",
            "(%1$s) track bfd %2$s not found, ignoring...",
            "(%1$s) unknown track bfd %2$s option %3$s - ignoring",
            "track bfd %2$s", 253, false,
            "(%1$s) weight for track bfd %2$s must be in [-253..253] inclusive. Ignoring...",
            true, "(%1$s) unknown track bfd %2$s weight option %3$s - ignoring", true);

    /** The weight and direction an entry gets unless it says otherwise: the tracked thing's own. */
    private record Defaults(int weight, boolean reverse) {
    }

    private final ParseContext ctx;

    Trackers(ParseContext ctx) {
        this.ctx = ctx;
    }

    void trackInterface(String owner, List<Tracked> list, Statement st) {
        track(INTERFACE, owner, list, st, ctx.interfaceDynamic(st.word(0)).isEmpty() ? null : new Defaults(0, false));
    }

    void trackScript(String owner, List<Tracked> list, Statement st) {
        VrrpData.ScriptDraft script = ctx.vrrp.findScript(st.word(0));
        track(SCRIPT, owner, list, st, script == null ? null : new Defaults(script.weight, script.reverse));
    }

    void trackFile(String owner, List<Tracked> list, Statement st) {
        TrackFileDraft file = ctx.findTrackFile(st.word(0));
        track(FILE, owner, list, st, file == null ? null : new Defaults(file.weight, file.reverse));
    }

    void trackProcess(String owner, List<Tracked> list, Statement st) {
        VrrpData.TrackProcessDraft process = ctx.vrrp.findTrackProcess(st.word(0));
        track(PROCESS, owner, list, st, process == null ? null : new Defaults(process.weight, process.reverse));
    }

    void trackBfd(String owner, List<Tracked> list, Statement st) {
        VrrpData.TrackedBfdDraft bfd = ctx.vrrp.findBfd(st.word(0));
        track(BFD, owner, list, st, bfd == null ? null : new Defaults(bfd.weight, bfd.reverse));
    }

    /** Reads one entry by {@code rule}; {@code defaults} is {@code null} when the tracked thing does not exist. */
    private void track(Rule rule, String owner, List<Tracked> list, Statement st, Defaults defaults) {
        String name = st.word(0);
        if (defaults == null) {
            error(st, rule.notFound, owner, name, null);
            return;
        }
        if (list.stream().anyMatch(t -> t.name().equals(name))) {
            ctx.error(st, "(" + owner + ") duplicate " + rule.keyword + " " + name + " - ignoring");
            return;
        }
        int weight = defaults.weight;
        boolean reverse = defaults.reverse;
        if (st.size() >= 2) {
            if (!st.word(1).equals("weight")) {
                error(st, rule.unknownOption, owner, name, st.word(1));
                return;
            }
            if (st.size() == 2) {
                ctx.error(st, "(" + owner + ") weight without value specified for "
                        + rule.subject.formatted(owner, name) + " - ignoring");
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(2), -rule.limit, rule.limit, true);
            if (w == null) {
                error(st, rule.badWeight, owner, name, st.word(2));
            } else if (rule.clampLimit && Math.abs(w) == rule.limit) {
                ctx.error(st, "(" + owner + ") weight for " + name + " cannot be +/-254. Setting to +/-253");
                weight = w < 0 ? -253 : 253;
            } else {
                weight = (int) (long) w;
            }
            if (st.size() >= 4) {
                String option = st.word(3);
                if (option.equals("reverse")) {
                    reverse = true;
                } else if (option.equals("noreverse") && rule.noreverse) {
                    reverse = false;
                } else {
                    error(st, rule.unknownWeightOption, owner, name, option);
                    if (rule.dropOnUnknownWeightOption) {
                        return;
                    }
                }
            }
        }
        list.add(new Tracked(st.location(), name, weight, reverse));
    }

    private void error(Statement st, String pattern, String owner, String name, String word) {
        ctx.error(st, pattern.formatted(owner, name, word));
    }
}
