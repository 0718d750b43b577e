package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.text.CNumber;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns configuration files into {@link ConfigLine}s exactly as keepalived 2.2's
 * {@code read_line} does: comments stripped, {@code include}s followed, {@code $NAME=value}
 * definitions recorded and expanded, {@code @id}/{@code @^id} lines kept or dropped for the
 * config id, {@code ~SEQ}/{@code ~LST} lines repeated, and braces split onto lines of their
 * own. Unbalanced braces are counted here too.
 *
 * <p>It reads lazily: the global section's {@code include_check} changes how later includes
 * are checked, as it does in keepalived.
 */
public final class ConfigReader {
    private final SourceFiles files;
    private final Definitions definitions = new Definitions();
    private final Sequences sequences = new Sequences();
    private final Diagnostics diagnostics;
    private final String configId;
    private final RandomGenerator random;

    private record PendingMultiline(String rest, int sequenceDepth) {
    }

    private String residue;
    private String pendingRest;
    private final Deque<PendingMultiline> multilineStack = new ArrayDeque<>();
    /**
     * Multi-line definitions expanding inside one another beyond this are a definition that
     * uses itself (keepalived 2.2.7 loops for ever on one): the expansion is abandoned.
     */
    static final int MAX_MULTILINE_NESTING = 100;
    /**
     * Lines one use of a multi-line definition may expand to (its own lines, and those of the
     * definitions they use) before it is taken for a definition that uses itself: one that does
     * comes back to the same lines for ever, in constant memory, as keepalived 2.2.7 does.
     */
    static final int MAX_EXPANDED_LINES = 100_000;
    private int expandedLines;
    /**
     * Lines one physical line may give through {@code ~SEQ}/{@code ~LST} and the definitions
     * they expand, nested ones included: far beyond any real configuration (issue 12 checks 4
     * million), short of the billions a mistyped bound asks for, which keepalived sets out to
     * produce one by one.
     */
    static final long MAX_GENERATED_LINES = 10_000_000;
    private long generatedLines;
    private int multilineSequenceDepth;
    private Definitions.Definition definingMultiline;
    private int blockDepth;
    private Location location = Location.NONE;
    private String mainFile = "";
    private boolean finished;
    /** The last line {@link #skipPlain} gave: its file and number (0: none). */
    private String skippedFile;
    private int skippedLine;

    /**
     * @param configId         what {@code @id} lines are compared with ({@code -i}, or the host name up to its first dot)
     * @param workingDirectory where relative file names start
     * @param random           for {@code ${_RANDOM}}
     */
    public ConfigReader(String configId, Path workingDirectory, RandomGenerator random, Diagnostics diagnostics) {
        this.configId = configId;
        this.random = random;
        this.diagnostics = diagnostics;
        this.files = new SourceFiles(workingDirectory, diagnostics);
        definitions.addStandard("_PWD", null, p -> files.currentDirectory(), false);
        definitions.addStandard("_INSTANCE", null, p -> configId == null ? "" : configId, false);
        definitions.addStandard("_RANDOM", null, this::randomValue, true);
        definitions.addStandard("_HASH", "#", null, false);
        definitions.addStandard("_BANG", "!", null, false);
    }

    /** Opens the main file (a glob pattern, like keepalived's {@code -f}); false if nothing could be opened. */
    public boolean open(String configFile) {
        mainFile = configFile;
        return files.openMain(configFile);
    }

    /** True when an include that asked for strict checking failed: keepalived then refuses to run. */
    public boolean fileError() {
        return files.fileError();
    }

    /** The global {@code include_check [+|-]{readable,match,wildcard_match,brace_match}...} keyword. */
    public void includeCheck(List<String> words, Location at) {
        int check = files.includeCheck();
        if (words.size() <= 1) {
            files.setIncludeCheck(IncludeCheck.ALL);
            return;
        }
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            int sign = 0;
            int offset = 1;
            if (word.startsWith("-")) {
                sign = -1;
            } else if (word.startsWith("+")) {
                sign = 1;
            } else {
                offset = 0;
                if (i == 1) {
                    check = 0;
                } else {
                    diagnostics.report(at, Severity.GENERAL, "Duplicate include_check '" + word + "' specified - ignoring");
                    continue;
                }
            }
            int flag = switch (word.substring(offset)) {
                case "read" -> IncludeCheck.READABLE;
                case "match" -> IncludeCheck.MATCH;
                case "wildcard_match" -> IncludeCheck.WILDCARD_MATCH;
                case "brace_match" -> IncludeCheck.BRACE_MATCH;
                default -> {
                    diagnostics.report(at, Severity.GENERAL, "Unknown include_check type '" + word.substring(offset) + "' - ignoring");
                    yield 0;
                }
            };
            if (flag != 0) {
                if (sign == 0) {
                    check = IncludeCheck.READABLE | flag;
                } else if (sign > 0) {
                    check |= flag;
                } else {
                    check &= ~flag;
                }
            }
        }
        files.setIncludeCheck(check);
    }

    /** The next line, or null at the end of the configuration. */
    public ConfigLine next() {
        if (finished) {
            return null;
        }
        String buf;
        while (true) {
            if (residue != null) {
                buf = residue;
                residue = null;
            } else if (!sequences.isEmpty() && sequences.count() > multilineSequenceDepth) {
                if (++generatedLines > MAX_GENERATED_LINES) {
                    // keepalived produces them all: 2^63 lines for ~SEQ(A,1,99999999999999999999)
                    diagnostics.report(location, Severity.GENERAL, "~SEQ/~LST on this line would give more than "
                            + MAX_GENERATED_LINES + " lines - the rest not expanded");
                    sequences.clear();
                    abandonExpansion();
                    continue;
                }
                buf = sequences.next(definitions);
                expandedLines = 0;
            } else if (pendingRest != null) {
                if (++generatedLines > MAX_GENERATED_LINES) {
                    diagnostics.report(location, Severity.GENERAL, "~SEQ/~LST on this line would give more than "
                            + MAX_GENERATED_LINES + " lines - the rest not expanded");
                    sequences.clear();
                    abandonExpansion();
                    continue;
                }
                if (++expandedLines > MAX_EXPANDED_LINES) {
                    // a multi-line definition whose lines use it again: keepalived expands it for ever
                    diagnostics.report(location, Severity.GENERAL, "Definitions on line '" + pendingRest.lines().findFirst()
                            .orElse("") + "' refer to themselves endlessly - not expanded");
                    abandonExpansion();
                    continue;
                }
                int nl = pendingRest.indexOf('\n');
                if (nl < 0) {
                    buf = pendingRest;
                    PendingMultiline outer = multilineStack.pollLast();
                    if (outer != null) {
                        pendingRest = outer.rest();
                        multilineSequenceDepth = outer.sequenceDepth();
                    } else {
                        pendingRest = null;
                        multilineSequenceDepth = 0;
                    }
                } else {
                    buf = pendingRest.substring(0, nl);
                    pendingRest = pendingRest.substring(nl + 1);
                }
            } else {
                buf = nextNonBlankLine();
                expandedLines = 0;
                generatedLines = 0;
                if (buf == null) {
                    return end();
                }
            }

            if (definingMultiline != null) {
                if (!Definitions.appendLine(definingMultiline, buf)) {
                    definingMultiline = null;
                }
                continue;
            }
            if (buf.isEmpty()) {
                continue;
            }
            buf = substitute(buf);
            if (buf.isEmpty()) {
                continue;
            }
            String includePattern = includePattern(buf);
            if (includePattern != null) {
                files.include(includePattern, IncludeCheck.forKeyword(buf.charAt(7)));
                continue;
            }
            break;
        }
        return splitBraces(buf);
    }

    /**
     * Reads on through a block the parser is skipping at {@code level}, giving {@code copy}
     * each line {@link #next} would give and counting braces as the parser does for a skipped
     * line ({@code Words.skipBraces}), but from the file's bytes, without making the lines:
     * the first pass skips every block but {@code global_defs}, a million lines for 100,000
     * virtual servers (issue 12). It takes only plain physical lines ({@link PlainLine}: for
     * those, reading is stripping blanks and splitting at braces). It stops after the
     * {@code '}'} that brings the level to 0 (what follows it on the line is read next, as
     * usual), before any other line, at the end of a file, and whenever the reader is in the
     * middle of something (an expansion, a definition, a split line): {@link #next} reads the
     * rest.
     *
     * @return the level after the lines taken; 0 when the block's last '}' was among them
     */
    public int skipPlain(int level, ConfigCopy copy) {
        skippedLine = 0;
        if (finished || residue != null || pendingRest != null || definingMultiline != null || !sequences.isEmpty()) {
            return level;
        }
        FileLines lines = files.rawLines();
        if (lines == null) {
            return level;
        }
        String file = files.rawFile();
        PlainLine plain = new PlainLine(blockDepth);
        int lineNumber = 0;
        try {
            while (level > 0) {
                int to = lines.peek();
                if (to < 0 || !plain.read(lines.buffer(), lines.lineStart(), to, level)) {
                    break;
                }
                lines.advance();
                lineNumber = files.rawLineRead();
                level = plain.give(copy, file, lineNumber);
                if (plain.gave()) {
                    skippedFile = file;
                    skippedLine = lineNumber;
                }
            }
        } catch (IOException e) {
            // the file can no longer be read: next() ends it where fgets would
        }
        if (lineNumber > 0) {
            location = new Location(file, lineNumber);
            blockDepth = plain.blockDepth();
            residue = plain.residue();
            expandedLines = 0;
            generatedLines = 0;
        }
        return level;
    }

    /**
     * Where the last line {@link #skipPlain} gave the parser came from; null when it gave none.
     * A blank line it read does not count: the parser never sees one.
     */
    public Location skipped() {
        return skippedLine == 0 ? null : new Location(skippedFile, skippedLine);
    }

    /** Conditionals, definitions, sequences and expansion: the inner loop of {@code read_line}. */
    private String substitute(String line) {
        char first = line.charAt(0);
        if (first != '@' && first != '$' && first != '~' && line.indexOf('$') < 0) {
            return line; // nothing to substitute: most lines
        }
        String buf = line;
        boolean recheck;
        do {
            recheck = false;
            if (buf.startsWith("@")) {
                boolean negate = buf.length() > 1 && buf.charAt(1) == '^';
                int offset = negate ? 2 : 1;
                int space = indexOfBlank(buf, offset);
                if (space < 0) {
                    return "";
                }
                boolean matches = configId != null && buf.substring(offset, space).equals(configId);
                if (matches == negate) {
                    return "";
                }
                buf = Decomment.stripLeading(buf.substring(space));
            }
            if (buf.startsWith("$")) {
                Definitions.Definition d = definitions.define(buf);
                if (d != null) {
                    if (d.multiline) {
                        definingMultiline = d;
                    }
                    return "";
                }
            }
            if (buf.startsWith("~SEQ") || buf.startsWith("~LST")) {
                boolean seq = buf.charAt(1) == 'S';
                String error = seq ? sequences.addSeq(buf, definitions) : sequences.addLst(buf);
                if (error != null) {
                    if (!error.isEmpty()) {
                        diagnostics.report(location, Severity.GENERAL, error);
                    }
                    diagnostics.report(location, Severity.GENERAL, "Invalid " + (seq ? "~SEQ" : "~LST") + " specification '" + buf + "'");
                }
                return "";
            }
            if (buf.startsWith("~")) {
                return buf;
            }
            if (buf.indexOf('$') >= 0) {
                if (multilineStack.size() >= MAX_MULTILINE_NESTING) {
                    // multi-line definitions nesting without end (the same loop, growing)
                    diagnostics.report(location, Severity.GENERAL, "Definitions on line '" + line
                            + "' refer to themselves endlessly - not expanded");
                    abandonExpansion();
                    return "";
                }
                Definitions.Expansion expansion = definitions.expand(buf, pendingRest, this::startingMultiline);
                if (expansion.tooLong()) {
                    diagnostics.report(location, Severity.NOTE, "Parameter substitution on line '" + buf + "' would exceed maximum line length");
                }
                if (expansion.looped()) {
                    diagnostics.report(location, Severity.GENERAL, "Definitions on line '" + line + "' refer to themselves endlessly - not expanded");
                }
                if (!expansion.replaced()) {
                    return buf;
                }
                pendingRest = expansion.rest();
                buf = decomment(expansion.line());
                recheck = buf.startsWith("@") || buf.indexOf('$') >= 0;
            }
        } while (recheck);
        return buf;
    }

    private void abandonExpansion() {
        multilineStack.clear();
        pendingRest = null;
        multilineSequenceDepth = 0;
        expandedLines = 0;
    }

    private void startingMultiline(String outerRest) {
        if (outerRest != null) {
            multilineStack.addLast(new PendingMultiline(outerRest, multilineSequenceDepth));
        }
        multilineSequenceDepth = sequences.count();
    }

    /** keepalived's {@code is_include}: {@code include} or {@code include[rmwba]} followed by white space. */
    private static String includePattern(String buf) {
        if (buf.charAt(0) != 'i' || !buf.startsWith("include") || buf.length() <= 7) {
            return null;
        }
        int start;
        if (CNumber.isSpace(buf.charAt(7))) {
            start = 8;
        } else if (buf.length() > 8 && CNumber.isSpace(buf.charAt(8)) && "rmwba".indexOf(buf.charAt(7)) >= 0) {
            start = 9;
        } else {
            return null;
        }
        int p = Math.min(start, buf.length());
        while (p < buf.length() && Decomment.isBlank(buf.charAt(p))) {
            p++;
        }
        return buf.substring(p);
    }

    private String nextNonBlankLine() {
        while (true) {
            SourceFiles.PhysicalLine physical = files.nextLine();
            if (physical == null) {
                return null;
            }
            location = physical.location();
            String text = physical.text();
            if (text.isEmpty()) {
                if (definingMultiline != null) {
                    Definitions.endAtBlankLine(definingMultiline);
                    definingMultiline = null;
                }
                continue;
            }
            String stripped = decomment(text);
            if (!stripped.isEmpty()) {
                return stripped;
            }
        }
    }

    private String decomment(String text) {
        Decomment.Result result = Decomment.apply(text);
        if (result.unterminatedQuote()) {
            diagnostics.report(location, Severity.GENERAL, "Unterminated quote '" + result.beforeStripping() + "'");
        }
        return result.text();
    }

    /** A '{' or '}' outside double quotes ends the line; the rest comes next time. */
    private ConfigLine splitBraces(String line) {
        String buf = line;
        int p = 0;
        if (!buf.startsWith("{") && !buf.startsWith("}")) {
            p = -1;
            int i = 0;
            while (i < buf.length()) {
                char c = buf.charAt(i);
                if (c == '{' || c == '}') {
                    p = i;
                    break;
                }
                if (c == '"') {
                    int close = buf.indexOf('"', i + 1);
                    if (close < 0) {
                        break;
                    }
                    i = close + 1;
                    continue;
                }
                i++;
            }
        }
        if (p >= 0) {
            int skip = 0;
            if (p == 0) {
                skip = 1;
                while (skip < buf.length() && Decomment.isBlank(buf.charAt(skip))) {
                    skip++;
                }
            }
            if (p + skip < buf.length()) {
                residue = stripTrailing(buf.substring(p + skip));
                buf = buf.substring(0, p + skip);
            }
        }
        buf = stripTrailing(buf);
        if (buf.equals("{")) {
            blockDepth++;
        } else if (buf.equals("}")) {
            if (blockDepth-- < 1) {
                diagnostics.report(location, Severity.UNEXPECTED_BLOCK_END, "Extra '}' found");
                blockDepth = 0;
            }
        }
        return new ConfigLine(location, buf);
    }

    private ConfigLine end() {
        finished = true;
        sequences.clear();
        if (blockDepth > 0) {
            diagnostics.report(new Location(mainFile, 0), Severity.MISSING_BLOCK_END,
                    "There are " + blockDepth + " missing '}'s or extra '{'s");
        }
        return null;
    }

    private String randomValue(String parameters) {
        long min = 0;
        long max = 32767;
        if (parameters != null) {
            CNumber n = new CNumber(parameters);
            min = n.read(10);
            n.skipBlanks();
            if (!n.atEnd()) {
                max = n.read(10);
                n.skipBlanks();
                if (!n.atEnd()) {
                    diagnostics.report(location, Severity.NOTE, "Too many parameters or extra text for ${_RANDOM " + parameters + "}");
                }
            }
        }
        long span = max - min + 1;
        long value = span <= 0 ? min : min + Math.floorMod(random.nextLong(), span);
        return Long.toString(value);
    }

    private static int indexOfBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Decomment.isBlank(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Decomment.isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * The files the main {@code -f} pattern matches, as keepalived's {@code check_conf_file}
     * globs them; null (with the reason reported) when it matches nothing.
     */
    public static java.util.List<String> matchMain(String pattern, Path workingDirectory, boolean strict, Diagnostics diagnostics) {
        Glob.Result glob = Glob.expand(pattern, workingDirectory);
        Severity severity = strict ? Severity.FILE_NOT_FOUND : Severity.REPORTED;
        if (glob.noMatch()) {
            if (glob.missingFiles() > 0 || glob.missingDirectories() > 0) {
                diagnostics.report(Location.NONE, severity, "Config files missing '" + pattern + "'.");
            } else if (glob.hadWildcards() && strict) {
                diagnostics.report(Location.NONE, severity, "No config files matched '" + pattern + "'.");
            }
            return null;
        }
        if (glob.missingFiles() > 0 || glob.missingDirectories() > 0) {
            diagnostics.report(Location.NONE, severity, "Some config files missing: \"" + pattern + "\".");
            if (strict) {
                return null;
            }
        }
        return glob.matches();
    }

    /** A regular file without execute permission (keepalived will not read others). */
    public static boolean regularNonExecutable(Path path) {
        return SourceFiles.isRegularNonExecutable(path);
    }

    /**
     * A line as keepalived's VRRP, checker and BFD processes read it. They read the copy of
     * the configuration the parent wrote after stripping comments, and strip comments again,
     * so a {@code \#} or {@code \!} the parent kept as a character starts a comment for them.
     * Null when nothing is left of the line.
     */
    public static ConfigLine childView(ConfigLine line) {
        String text = line.text();
        if (text.indexOf('#') < 0 && text.indexOf('!') < 0) {
            return line;
        }
        String stripped = Decomment.apply(text).text();
        if (stripped.equals(text)) {
            return line;
        }
        return stripped.isEmpty() ? null : new ConfigLine(line.location(), stripped);
    }

    /** Reads everything: for tests and tools that want the lines without parsing them. */
    public static List<ConfigLine> readAll(ConfigReader reader) {
        List<ConfigLine> lines = new java.util.ArrayList<>();
        ConfigLine line;
        while ((line = reader.next()) != null) {
            lines.add(line);
        }
        return lines;
    }
}
