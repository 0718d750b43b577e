package io.lvsj.keepalived.config.parse;


import io.lvsj.keepalived.config.host.Host;

import java.nio.file.Path;

/** {@code track_file} and its deprecated name {@code vrrp_track_file} ({@code track_file.c}). */
final class TrackFileSection {
    private final ParseContext ctx;
    private TrackFileDraft current;

    TrackFileSection(ParseContext ctx) {
        this.ctx = ctx;
    }

    void install(Grammar grammar, boolean active) {
        for (String root : new String[]{"track_file", "vrrp_track_file"}) {
            Keyword k = grammar.root(root, st -> {
                if (root.equals("vrrp_track_file")) {
                    ctx.note(st, "\"vrrp_track_file\" is deprecated, please use \"track_file\"");
                }
                current = new TrackFileDraft(st.location(), st.word(1));
            }, active);
            k.add("file", this::file);
            k.add("weight", this::weight);
            k.add("init_file", this::init);
            k.onClose(this::end);
        }
    }

    private void file(Statement st) {
        if (st.size() < 2) {
            ctx.error(st, "track file file name missing");
            return;
        }
        if (current.path != null) {
            ctx.error(st, "File already set for track file " + current.name + " - ignoring " + st.word(1));
            return;
        }
        current.path = st.word(1);
    }

    private void weight(Statement st) {
        if (st.size() < 2) {
            ctx.error(st, "No weight specified for track file " + current.name + " - ignoring");
            return;
        }
        if (current.weight != 1) {
            ctx.error(st, "Weight already set for track file " + current.name + " - ignoring " + st.word(1));
            return;
        }
        Long w = ctx.numbers(st).readInt(st.word(1), -254, 254, true);
        if (w == null) {
            ctx.error(st, "Weight (" + st.word(1) + ") for track_file " + current.name + " must be between [-254..254] inclusive. Ignoring...");
            w = 1L;
        }
        current.weight = w.intValue();
        if (st.size() >= 3) {
            if (st.word(2).equals("reverse")) {
                current.reverse = true;
            } else {
                ctx.error(st, "track_file " + current.name + " unknown weight option " + st.word(2));
            }
        }
    }

    private void init(Statement st) {
        current.init = true;
        current.overwrite = false;
        current.initValue = 0;
        for (int i = 1; i < st.size(); i++) {
            String word = st.word(i).strip();
            if (!word.isEmpty() && (Character.isDigit(word.charAt(0)) || word.charAt(0) == '-')) {
                Long v = ctx.numbers(st).readInt(st.word(i), Integer.MIN_VALUE, Integer.MAX_VALUE, false);
                if (v == null) {
                    ctx.error(st, "Track file " + current.name + " init value " + word + " is invalid");
                    v = 0L;
                } else if (v < -254 || v > 254) {
                    ctx.error(st, "Track file " + current.name + " init value " + v + " is outside sensible range [-254, 254]");
                }
                current.initValue = v.intValue();
            } else if (word.equals("overwrite")) {
                current.overwrite = true;
            } else {
                ctx.error(st, "Unknown track file init option " + word);
            }
        }
    }

    private void end() {
        TrackFileDraft file = current;
        current = null;
        if (file.path == null) {
            ctx.report(file.location, io.lvsj.keepalived.config.Severity.GENERAL, "No file set for track_file " + file.name + " - ignoring");
            return;
        }
        ctx.trackFiles.add(file);
        if (file.init && file.overwrite) {
            if (ctx.host.fileKind(Path.of(file.path)) == Host.FileKind.OTHER) {
                ctx.report(file.location, io.lvsj.keepalived.config.Severity.GENERAL,
                        "Cannot initialise track file " + file.name + " - it is not a regular file");
            }
        }
    }

}
