package io.lvsj.keepalived.config.read;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;

import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The files being read: the main file, the files it includes, the files they include. Each
 * {@code include} pushes the files its pattern matched; they are read in order, each with its
 * own directory as the base for the relative includes inside it, and popped at their end
 * (keepalived's include stack, {@code open_glob_file}, {@code get_next_file}).
 */
final class SourceFiles {
    /** keepalived reads lines with a 1,024-byte buffer: longer lines arrive in pieces. */
    private static final int CHUNK = 1023;

    /** One physical line (or piece of a long one). */
    record PhysicalLine(String text, Location location) {
    }

    private static final class OpenFile {
        final String display;
        final List<String> lines;
        final Path directory;
        int next;
        int piece;
        List<String> pieces = List.of();

        OpenFile(String display, List<String> lines, Path directory) {
            this.display = display;
            this.lines = lines;
            this.directory = directory;
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
        Glob.Result glob = Glob.expand(pattern, directory);
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
        diagnostics.report(at, error ? Severity.FILE_NOT_FOUND : Severity.NOTE, message);
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
            if (!isRegularNonExecutable(path)) {
                fileProblem(IncludeCheck.READABLE, "Configuration file '" + name + "' is not a regular non-executable file - skipping");
                continue;
            }
            List<String> lines;
            try {
                lines = readLines(path);
            } catch (IOException e) {
                fileProblem(IncludeCheck.READABLE, "Configuration file '" + name + "' open problem (" + reason(e) + ") - skipping");
                continue;
            }
            String display = name.startsWith("/") || include.displayDirectory.isEmpty() ? name : include.displayDirectory + name;
            include.file = new OpenFile(display, lines, path.toAbsolutePath().normalize().getParent());
            include.opened++;
            return true;
        }
        return false;
    }

    /** The next physical line of the innermost file, moving on to the next file at its end; null when all are read. */
    PhysicalLine nextLine() {
        while (!stack.isEmpty()) {
            Include include = stack.peek();
            OpenFile file = include.file;
            if (file != null && file.piece < file.pieces.size()) {
                return new PhysicalLine(file.pieces.get(file.piece++), new Location(file.display, file.next));
            }
            if (file != null && file.next < file.lines.size()) {
                file.pieces = pieces(file.lines.get(file.next++));
                file.piece = 0;
                continue;
            }
            endFile(include);
        }
        return null;
    }

    private void endFile(Include include) {
        includeCheck = include.savedIncludeCheck;
        include.file = null;
        if (openNextMatch(include)) {
            return;
        }
        stack.pop();
        if (include.opened == 0 && !include.matches.isEmpty()) {
            diagnostics.report(include.includedAt, Severity.NOTE, "No config files matched '" + include.pattern + "'.");
        }
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

    /** The file's lines, without their end-of-line characters, long ones cut into keepalived's pieces. */
    static List<String> readLines(Path path) throws IOException {
        String content = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
                .toString();
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            String line = end < 0 ? content.substring(start) : content.substring(start, end);
            int cut = line.length();
            while (cut > 0 && (line.charAt(cut - 1) == '\r')) {
                cut--;
            }
            line = line.substring(0, cut);
            lines.add(line);
            start = end < 0 ? content.length() : end + 1;
        }
        return lines;
    }

    /** Splits a physical line the way a 1,024-byte {@code fgets} would. */
    static List<String> pieces(String line) {
        if (line.length() <= CHUNK) {
            return List.of(line);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < line.length(); i += CHUNK) {
            out.add(line.substring(i, Math.min(line.length(), i + CHUNK)));
        }
        return out;
    }
}
