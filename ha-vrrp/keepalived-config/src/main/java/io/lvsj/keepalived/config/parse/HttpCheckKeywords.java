package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.text.CNumber;

import java.util.Locale;

/**
 * The keywords of {@code HTTP_GET} and {@code SSL_GET} blocks beyond the common ones
 * ({@code check_http.c}): the {@code url} blocks with their digests, status codes and regular
 * expressions, virtual host, protocol and TLS options.
 */
final class HttpCheckKeywords {
    private final ParseContext ctx;
    private final CheckerSection section;

    HttpCheckKeywords(ParseContext ctx, CheckerSection section) {
        this.ctx = ctx;
        this.section = section;
    }

    private CheckData.CheckerDraft checker() {
        return section.current();
    }

    void install(Keyword k) {
        section.common(k, true);
        k.add("nb_get_retry", st -> {
            ctx.error(st, "nb_get_retry is deprecated - please use 'retry'");
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "Invalid nb_get_retry value '" + st.word(1) + "'");
                return;
            }
            checker().retry = v;
        });
        k.add("virtualhost", st -> {
            if (st.size() < 2) {
                ctx.error(st, "HTTP_GET virtualhost name missing");
                return;
            }
            checker().virtualhost = st.word(1);
        });
        k.add("http_protocol", st -> {
            if (st.size() < 2) {
                ctx.error(st, "Missing http_protocol version");
                return;
            }
            switch (st.word(1)) {
                case "1.0" -> checker().httpProtocol = Checker.HttpProtocol.HTTP_1_0;
                case "1.1" -> checker().httpProtocol = Checker.HttpProtocol.HTTP_1_1;
                case "1.0C", "1.0c" -> checker().httpProtocol = Checker.HttpProtocol.HTTP_1_0C;
                default -> ctx.error(st, "Invalid http_protocol version " + st.word(1));
            }
        });
        k.add("enable_sni", st -> ctx.bool(st, "Invalid enable_sni parameter %s", v -> checker().enableSni = v));
        k.add("fast_recovery", st -> ctx.bool(st, "Invalid fast_recovery parameter %s", v -> checker().fastRecovery = v));
        Keyword url = k.add("url", st -> checker().url = new CheckData.UrlDraft());
        url.add("path", st -> checker().url.path = st.word(1));
        url.add("digest", st -> {
            String digest = st.word(1);
            if (checker().url.digest != null) {
                ctx.error(st, "Digest '" + digest + "' is a duplicate");
                return;
            }
            if (digest.length() != 32) {
                ctx.error(st, "digest '" + digest + "' character length should be 32 rather than " + digest.length());
                return;
            }
            for (int i = 15; i >= 0; i--) {
                if (Character.digit(digest.charAt(2 * i), 16) < 0 || Character.digit(digest.charAt(2 * i + 1), 16) < 0) {
                    ctx.error(st, "Unable to interpret hex digit in '" + digest.substring(0, 2 * i + 2) + "' at offset " + 2 * i + "/" + (2 * i + 1));
                    return;
                }
            }
            checker().url.digest = digest.toLowerCase(Locale.ROOT);
        });
        url.add("status_code", st -> {
            for (int i = 1; i < st.size(); i++) {
                String s = st.word(i);
                CNumber n = new CNumber(s);
                long min = n.read(10);
                long max = min;
                if (n.peek() == '-') {
                    n.advance();
                    max = n.read(10);
                }
                if (!n.atEnd() || min < 100 || min > 599 || max < 100 || max > 599 || min > max) {
                    ctx.error(st, "Invalid HTTP_GET status code '" + s + "'");
                    continue;
                }
                checker().url.status.add(new Checker.StatusRange((int) min, (int) max));
            }
        });
        url.add("virtualhost", st -> {
            if (st.size() < 2) {
                ctx.error(st, "Missing HTTP_GET virtualhost name");
                return;
            }
            checker().url.virtualhost = st.word(1);
        });
        url.add("regex", st -> {
            var words = Words.splitQuotedEscaped(st.line(), st.location(), ctx.diagnostics);
            if (words == null || words.size() != 2) {
                ctx.note(st, "regex missing or too many fields");
                return;
            }
            checker().url.regex = words.get(1);
        });
        url.add("regex_no_match", st -> checker().url.regexNoMatch = true);
        url.add("regex_options", st -> {
            for (int i = 1; i < st.size(); i++) {
                if (REGEX_OPTIONS.contains(st.word(i)) && !checker().url.regexOptions.contains(st.word(i))) {
                    checker().url.regexOptions.add(st.word(i));
                }
            }
        });
        url.add("regex_min_offset", st -> checker().url.minOffset = offset(st, "min"));
        url.add("regex_max_offset", st -> checker().url.maxOffset = offset(st, "max") + 1);
        url.add("regex_stack", st -> {
            if (st.size() != 3) {
                ctx.note(st, "regex_stack requires start and max values");
                return;
            }
            CNumber a = new CNumber(st.word(1));
            long start = a.read(10);
            if (!a.atEnd()) {
                ctx.note(st, "regex_stack invalid start value");
                return;
            }
            CNumber b = new CNumber(st.word(2));
            long max = b.read(10);
            if (!b.atEnd()) {
                ctx.note(st, "regex_stack invalid max value");
                return;
            }
            if (start > max) {
                ctx.note(st, "regex stack start cannot exceed max value");
                return;
            }
            checker().url.stack = new Checker.StackSize(start, max);
        });
        url.onClose(() -> {
            CheckData.UrlDraft u = checker().url;
            if (u.path == null) {
                ctx.report(checker().location, Severity.GENERAL, "HTTP/SSL_GET checker url has no path - ignoring");
                return;
            }
            if (u.status.isEmpty()) {
                u.status.add(new Checker.StatusRange(200, 299));
            }
            if (u.regex == null && (!u.regexOptions.isEmpty() || u.regexNoMatch || u.minOffset != 0 || u.maxOffset != 0 || u.stack != null)) {
                ctx.report(checker().location, Severity.NOTE, "regex parameters specified without regex");
                u.regexOptions.clear();
                u.regexNoMatch = false;
                u.minOffset = 0;
                u.maxOffset = 0;
                u.stack = null;
            }
            if (u.maxOffset != 0 && u.minOffset >= u.maxOffset) {
                ctx.report(checker().location, Severity.NOTE, "regex min offset " + u.minOffset + " > regex_max_offset " + (u.maxOffset - 1) + " - ignoring");
                u.minOffset = 0;
                u.maxOffset = 0;
            }
            checker().urls.add(new Checker.Url(u.path, java.util.Optional.ofNullable(u.digest), u.status,
                    java.util.Optional.ofNullable(u.virtualhost), java.util.Optional.ofNullable(u.regex), u.regexNoMatch,
                    u.regexOptions, u.minOffset, u.maxOffset == 0 ? 0 : u.maxOffset - 1, java.util.Optional.ofNullable(u.stack)));
        });
        k.onClose(() -> {
            if (checker().urls.isEmpty()) {
                ctx.report(checker().location, Severity.GENERAL, "HTTP/SSL_GET checker has no urls specified - ignoring");
                section.dequeue();
            }
            if (!section.connectionUsable()) {
                section.dequeue();
            }
        });
    }

    static final java.util.List<String> REGEX_OPTIONS = java.util.List.of("allow_empty_class", "alt_bsux", "auto_callout",
            "caseless", "dollar_endonly", "dotall", "dupnames", "extended", "firstline", "match_unset_backref",
            "multiline", "never_ucp", "never_utf", "no_auto_capture", "no_auto_possess", "no_dotstar_anchor",
            "no_start_optimize", "ucp", "ungreedy", "utf", "never_backslash_c", "alt_circumflex", "alt_verbnames",
            "use_offset_limit");

    private long offset(Statement st, String type) {
        if (st.size() != 2) {
            ctx.note(st, "Missing or too may options for regex_" + type + "_offset");
            return 0;
        }
        CNumber n = new CNumber(st.word(1));
        long v = n.read(10);
        if (!n.atEnd()) {
            ctx.note(st, "Invalid regex_" + type + "_offset " + st.word(1) + " specified");
            return 0;
        }
        return v;
    }
}
