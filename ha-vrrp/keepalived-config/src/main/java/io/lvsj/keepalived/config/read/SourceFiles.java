package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files being read: the main file, the files it includes, the files they include. Each
 * {@code include} pushes the files its pattern matched; they are read in order, each with its
 * own directory as the base for the relative includes inside it, and popped at their end
 * (keepalived's include stack, {@code open_glob_file}, {@code get_next_file}).
 */
final class SourceFiles {
    /** keepalived reads lines with a 1,024-byte buffer: longer lines arrive in pieces. */
    static final int CHUNK = 1023;
    /**
     * keepalived has no include-loop check: a file that includes itself (directly, through
     * {@code include *}, or through another file) is opened again and again until the process
     * runs out of file descriptors, then "open problem (Too many open files)" ends the loop.
     * keepalived-j reads each file once into memory, so it counts the descriptors keepalived
     * would hold instead: one per open file, one more for the directory of a file named with a
     * '/', six before reading starts (measured on Debian's 2.2.7), against the usual limit of
     * 1,024 (systemd's default for services and most shells'). A loop thus stops where
     * keepalived's stops under that limit, with its message and its verdict.
     */
    static final int OPEN_FILE_LIMIT = 1024;
    static final int DESCRIPTORS_AT_START = 6;
    /**
     * Files opened in one read beyond which reading stops with an error: a loop through several
     * files that each include all of them ({@code include *} in a directory of two) opens
     * exponentially many before the descriptor limit is reached; keepalived would run for ever.
     */
    static final int MAX_FILES_OPENED = 100_000;

    /** One physical line (or piece of a long one). */
    record PhysicalLine(String text, Location location) {
    }

    private static final class OpenFile {
        final String display;
        final FileLines lines;
        final Path directory;
        final int descriptors;
        int next;
        int piece;
        List<String> pieces = List.of();

        OpenFile(String display, FileLines lines, Path directory, int descriptors) {
            this.display = display;
            this.lines = lines;
            this.directory = directory;
            this.descriptors = descriptors;
        }
    }

    /** One include (or the main file): the files its pattern matched. */
    private static final class Include {
        final String pattern;
        final int checks;
        final int savedIncludeCheck;
        final Path directory;
        final String displayDirectory;
        final Location includedAt;
        List<String> matches = List.of();
        int nextMatch;
        int opened;
        OpenFile file;

        Include(String pattern, int checks, int savedIncludeCheck, Path directory, String displayDirectory, Location includedAt) {
            this.pattern = pattern;
            this.checks = checks;
            this.savedIncludeCheck = savedIncludeCheck;
            this.directory = directory;
            this.displayDirectory = displayDirectory;
            this.includedAt = includedAt;
        }
    }

    private final Diagnostics diagnostics;
    private final Deque<Include> stack = new ArrayDeque<>();
    private final Path workingDirectory;
    private int includeCheck;
    private boolean fileError;
    /** The descriptors keepalived would hold now (see {@link #OPEN_FILE_LIMIT}). */
    private int descriptors = DESCRIPTORS_AT_START;
    private int filesOpened;
    /**
     * Each small file's bytes and checks, read once however often it is included (a loop reads
     * one file a thousand times); large files are read again at each include (see
     * {@link FileLines}). The files are taken not to change while they are read.
     */
    private final Map<Path, byte[]> contents = new HashMap<>();
    /** Each include pattern's matches, per directory: a loop expands the same pattern a thousand times. */
    private final Map<String, Glob.Result> globs = new HashMap<>();
    private final Map<Path, Boolean> regularFiles = new HashMap<>();

    SourceFiles(Path workingDirectory, Diagnostics diagnostics) {
        this.workingDirectory = workingDirectory;
        this.diagnostics = diagnostics;
    }

    boolean fileError() {
        return fileError;
    }

    void setIncludeCheck(int value) {
        includeCheck = value;
    }

    int includeCheck() {
        return includeCheck;
    }

    boolean isEmpty() {
        return stack.isEmpty();
    }

    /** Where the line just read came from; {@link Location#NONE} past the end. */
    Location location() {
        for (Include include : stack) {
            if (include.file != null) {
                return new Location(include.file.display, include.file.next);
            }
        }
        return Location.NONE;
    }

    /** The directory of the file being read, symbolic links resolved, as {@code getcwd} gives it: {@code ${_PWD}}. */
    String currentDirectory() {
        Include current = current();
        Path dir = current == null ? workingDirectory : current.file.directory;
        try {
            return dir.toRealPath().toString();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    /** Opens the main configuration file (a pattern too): keepalived's {@code init_data}. */
    boolean openMain(String pattern) {
        return open(pattern, IncludeCheck.READABLE | IncludeCheck.MATCH | IncludeCheck.WILDCARD_MATCH, Location.NONE);
    }

    /** An {@code include} line: pushes the files it names. */
    void include(String pattern, int checks) {
        open(pattern, checks, location());
    }

    private boolean open(String pattern, int checks, Location at) {
        Include current = current();
        Path directory = current == null ? workingDirectory : current.file.directory;
        String displayDirectory = current == null ? "" : displayDirectory(current.file.display);
        Include include = new Include(pattern, checks, includeCheck, directory, displayDirectory, at);
        stack.push(include);
        if (descriptors >= OPEN_FILE_LIMIT && hasWildcard(pattern)) {
            // keepalived's glob cannot open the directory: it finds nothing there
            fileProblem(Glob.hasBrace(pattern) ? IncludeCheck.BRACE_MATCH : IncludeCheck.MATCH,
                    "Config files missing '" + pattern + "'.");
            stack.pop();
            return false;
        }
        Glob.Result glob = globs.computeIfAbsent(directory + "\0" + pattern, k -> Glob.expand(pattern, directory));
        if (glob.noMatch()) {
            if (glob.missingFiles() > 0 || glob.missingDirectories() > 0) {
                fileProblem(Glob.hasBrace(pattern) ? IncludeCheck.BRACE_MATCH : IncludeCheck.MATCH,
                        "Config files missing '" + pattern + "'.");
            } else if (glob.hadWildcards() && ((includeCheck | checks) & IncludeCheck.WILDCARD_MATCH) != 0) {
                fileProblem(IncludeCheck.WILDCARD_MATCH, "No config files matched '" + pattern + "'.");
            }
            stack.pop();
            return false;
        }
        if (glob.missingFiles() > 0 || glob.missingDirectories() > 0) {
            fileProblem(IncludeCheck.BRACE_MATCH, "Some config files missing: \"" + pattern + "\".");
            if (((includeCheck | checks) & IncludeCheck.BRACE_MATCH) != 0) {
                stack.pop();
                return false;
            }
        }
        include.matches = glob.matches();
        if (!openNextMatch(include)) {
            stack.pop();
            return false;
        }
        return true;
    }

    private Include current() {
        for (Include include : stack) {
            if (include.file != null) {
                return include;
            }
        }
        return null;
    }

    /** keepalived's {@code file_config_error}: an error only if the include asked for this check. */
    private void fileProblem(int check, String message) {
        Include top = stack.peek();
        int checks = includeCheck | (top == null ? 0 : top.checks);
        boolean error = (checks & check) != 0;
        Location at = top == null ? Location.NONE : top.includedAt;
        diagnostics.report(at, error ? Severity.FILE_NOT_FOUND : Severity.REPORTED, message);
        if (error) {
            fileError = true;
        }
    }

    private boolean openNextMatch(Include include) {
        while (include.nextMatch < include.matches.size()) {
            String name = include.matches.get(include.nextMatch++);
            if (name.endsWith("/")) {
                fileProblem(IncludeCheck.READABLE, "Configuration file '" + name + "' is a directory - skipping");
                continue;
            }
            Path path = include.directory.resolve(name);
            if (!regularFiles.computeIfAbsent(path, SourceFiles::isRegularNonExecutable)) {
                fileProblem(IncludeCheck.READABLE, "Configuration file '" + name + "' is not a regular non-executable file - skipping");
                continue;
            }
            if (descriptors >= OPEN_FILE_LIMIT) {
                fileProblem(IncludeCheck.READABLE, "Configuration file '" + name + "' open problem (Too many open files) - skipping");
                continue;
            }
            if (++filesOpened > MAX_FILES_OPENED) {
                if (filesOpened == MAX_FILES_OPENED + 1) {
                    diagnostics.report(location(), Severity.FATAL, "More than " + MAX_FILES_OPENED
                            + " configuration files opened: an include loop? Configuration file '" + name
                            + "' and all further includes skipped");
                }
                continue;
            }
            FileLines lines;
            try {
                lines = lines(path);
            } catch (IOException e) {
                fileProblem(IncludeCheck.READABLE, "Configuration file '" + name + "' open problem (" + reason(e) + ") - skipping");
                continue;
            }
            int held = name.indexOf('/') >= 0 && descriptors + 1 < OPEN_FILE_LIMIT ? 2 : 1;
            descriptors += held;
            String display = name.startsWith("/") || include.displayDirectory.isEmpty() ? name : include.displayDirectory + name;
            include.file = new OpenFile(display, lines, path.toAbsolutePath().normalize().getParent(), held);
            include.opened++;
            return true;
        }
        return false;
    }

    /**
     * The lines of the file whose next line is the next physical line, for reading it as
     * bytes ({@link ConfigReader#skipPlain}); null when another line comes first (the rest of
     * a long line cut in pieces) or no file is open. {@link #rawFile()} names it and
     * {@link #rawLineRead()} counts a line taken from it.
     */
    FileLines rawLines() {
        Include include = stack.peek();
        OpenFile file = include == null ? null : include.file;
        return file == null || file.piece < file.pieces.size() ? null : file.lines;
    }

    /** The name of the file {@link #rawLines()} gave, as locations give it. */
    String rawFile() {
        return stack.peek().file.display;
    }

    /** Counts a line taken from {@link #rawLines()}; its number in the file. */
    int rawLineRead() {
        return ++stack.peek().file.next;
    }

    /** The next physical line of the innermost file, moving on to the next file at its end; null when all are read. */
    PhysicalLine nextLine() {
        while (!stack.isEmpty()) {
            Include include = stack.peek();
            OpenFile file = include.file;
            if (file != null && file.piece < file.pieces.size()) {
                return new PhysicalLine(file.pieces.get(file.piece++), new Location(file.display, file.next));
            }
            if (file != null && hasNext(file)) {
                file.pieces = pieces(nextLine(file));
                file.next++;
                file.piece = 0;
                continue;
            }
            endFile(include);
        }
        // everything is read: the texts, globs and checks kept for include loops can go
        contents.clear();
        globs.clear();
        regularFiles.clear();
        return null;
    }

    private void endFile(Include include) {
        includeCheck = include.savedIncludeCheck;
        if (include.file != null) {
            descriptors -= include.file.descriptors;
        }
        include.file = null;
        if (openNextMatch(include)) {
            return;
        }
        stack.pop();
        if (include.opened == 0 && !include.matches.isEmpty()) {
            diagnostics.report(include.includedAt, Severity.NOTE, "No config files matched '" + include.pattern + "'.");
        }
    }

    private FileLines lines(Path path) throws IOException {
        byte[] content = contents.get(path);
        if (content != null) {
            return FileLines.of(content);
        }
        if (Files.size(path) > FileLines.WHOLE) {
            FileLines lines = FileLines.open(path);
            lines.hasNext(); // opens it now, so that a file that cannot be read is reported here
            return lines;
        }
        content = Files.readAllBytes(path);
        contents.put(path, content);
        return FileLines.of(content);
    }

    private static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String displayDirectory(String display) {
        int slash = display.lastIndexOf('/');
        return slash < 0 ? "" : display.substring(0, slash + 1);
    }

    static boolean isRegularNonExecutable(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return !(permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                    || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE));
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : String.valueOf(e.getMessage());
    }

    /** Whether the file has another line; a file that can no longer be read ends there, as fgets ends it. */
    private static boolean hasNext(OpenFile file) {
        try {
            return file.lines.hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static String nextLine(OpenFile file) {
        try {
            return file.lines.next();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Splits a physical line the way a 1,024-byte {@code fgets} would. Each piece is a C
     * string to keepalived: a NUL byte ends it, and the rest of that piece is never seen
     * (so {@code include a\0b} includes {@code a}; Java would refuse the path).
     */
    static List<String> pieces(String line) {
        if (line.length() <= CHUNK) {
            return List.of(cString(line));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < line.length(); i += CHUNK) {
            out.add(cString(line.substring(i, Math.min(line.length(), i + CHUNK))));
        }
        return out;
    }

    private static String cString(String piece) {
        int nul = piece.indexOf('\0');
        return nul < 0 ? piece : piece.substring(0, nul);
    }
}
