package io.lvsj.keepalived.config.read;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code glob(3)} as keepalived calls it for {@code include}: csh brace expansion, {@code *},
 * {@code ?} and {@code [...]} per path component, directories marked with a trailing
 * {@code /}, matches sorted per brace alternative. Relative patterns are taken from
 * {@code base}; results keep the pattern's own spelling, as glibc's do.
 *
 * <p>It also counts what keepalived counts through its glob callbacks, because its error
 * messages depend on them: names that did not exist ({@code missingFiles}), directories it
 * could not open ({@code missingDirectories}) and whether any directory was searched for a
 * wildcard at all ({@code hadWildcards}).
 */
final class Glob {

    /** What one {@code glob()} call found. */
    record Result(List<String> matches, int missingFiles, int missingDirectories, boolean hadWildcards) {
        boolean noMatch() {
            return matches.isEmpty();
        }
    }

    private final Path base;
    private int missingFiles;
    private int missingDirectories;
    private boolean hadWildcards;

    private Glob(Path base) {
        this.base = base;
    }

    static Result expand(String pattern, Path base) {
        Glob glob = new Glob(base);
        List<String> matches = new ArrayList<>();
        for (String alternative : expandBraces(pattern)) {
            List<String> found = glob.match(alternative);
            found.sort(null);
            matches.addAll(found);
        }
        return new Result(List.copyOf(matches), glob.missingFiles, glob.missingDirectories, glob.hadWildcards);
    }

    /** True when {@code pattern} has an unescaped {@code '{'} (keepalived's {@code have_brace}). */
    static boolean hasBrace(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                return true;
            }
        }
        return false;
    }

    /** csh-style brace expansion: {@code a{b,c{d,e}}f} gives abf, acdf, acef. */
    static List<String> expandBraces(String pattern) {
        int open = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                open = i;
                break;
            }
        }
        if (open < 0) {
            return List.of(pattern);
        }
        int depth = 0;
        int close = -1;
        List<Integer> commas = new ArrayList<>();
        for (int i = open; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    close = i;
                    break;
                }
            } else if (c == ',' && depth == 1) {
                commas.add(i);
            }
        }
        if (close < 0) {
            return List.of(pattern); // unbalanced: glibc treats the brace literally
        }
        String prefix = pattern.substring(0, open);
        String suffix = pattern.substring(close + 1);
        List<String> out = new ArrayList<>();
        int start = open + 1;
        commas.add(close);
        for (int comma : commas) {
            for (String expanded : expandBraces(prefix + pattern.substring(start, comma) + suffix)) {
                out.add(expanded);
            }
            start = comma + 1;
        }
        return out;
    }

    private List<String> match(String pattern) {
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/+");
        List<String> prefixes = new ArrayList<>();
        prefixes.add(absolute ? "/" : "");
        int first = absolute ? 1 : 0;
        int last = parts.length - 1;
        // Components without wildcards before the first wildcard form one directory name,
        // which glibc does not check on its own: only the last component is looked up.
        StringBuilder literal = new StringBuilder();
        int i = first;
        while (i < last && !hasMeta(parts[i])) {
            literal.append(parts[i]).append('/');
            i++;
        }
        if (!literal.isEmpty()) {
            prefixes.set(0, prefixes.getFirst() + literal);
        }
        for (; i <= last; i++) {
            String part = parts[i];
            boolean isLast = i == last;
            List<String> next = new ArrayList<>();
            for (String prefix : prefixes) {
                if (hasMeta(part)) {
                    next.addAll(list(prefix, part, !isLast));
                } else {
                    String candidate = prefix + unescape(part);
                    if (isLast) {
                        if (Files.exists(resolve(candidate), LinkOption.NOFOLLOW_LINKS)) {
                            next.add(candidate);
                        } else {
                            missingFiles++;
                        }
                    } else {
                        next.add(candidate + "/");
                    }
                }
            }
            prefixes = next;
        }
        List<String> results = new ArrayList<>();
        for (String match : prefixes) {
            if (match.chars().allMatch(c -> c == '/')) {
                results.add("//"); // glibc's GLOB_MARK marks the root too: '/' and '//' both come back as '//'
                continue;
            }
            String name = match.endsWith("/") && match.length() > 1 ? match.substring(0, match.length() - 1) : match;
            results.add(Files.isDirectory(resolve(name)) && !name.endsWith("/") ? name + "/" : name);
        }
        return results;
    }

    private List<String> list(String prefix, String part, boolean directoriesOnly) {
        hadWildcards = true;
        Path dir = resolve(prefix.isEmpty() ? "." : prefix);
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            missingDirectories++;
            return found;
        }
        List<Element> pattern = elements(part);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") && !part.startsWith(".")) {
                    continue;
                }
                if (matches(pattern, name) && (!directoriesOnly || Files.isDirectory(entry))) {
                    found.add(prefix + name + (directoriesOnly ? "/" : ""));
                }
            }
        } catch (IOException e) {
            missingDirectories++;
        }
        found.sort(null);
        return found;
    }

    private Path resolve(String name) {
        return base.resolve(name);
    }

    static boolean hasMeta(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String part) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' && i + 1 < part.length()) {
                c = part.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** One element of a path component's pattern: {@code *}, or something that matches one character. */
    sealed interface Element {
        boolean matches(int c);
    }

    private record Star() implements Element {
        @Override
        public boolean matches(int c) {
            return false;
        }
    }

    private record AnyOne() implements Element {
        @Override
        public boolean matches(int c) {
            return c != '/';
        }
    }

    private record Literal(int character) implements Element {
        @Override
        public boolean matches(int c) {
            return c == character;
        }
    }

    /** A bracket expression; {@code null} for one Java cannot compile (a range such as z-a), which matches nothing. */
    private record OneOf(Pattern set) implements Element {
        @Override
        public boolean matches(int c) {
            return set != null && set.matcher(Character.toString(c)).matches();
        }
    }

    /** A path component's pattern as elements; a run of {@code *} is one, as in glibc's fnmatch. */
    static List<Element> elements(String part) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < part.length()) {
                        int escaped = part.codePointAt(++i);
                        out.add(new Literal(escaped));
                        i += Character.charCount(escaped) - 1;
                    }
                }
                case '*' -> {
                    if (out.isEmpty() || !(out.getLast() instanceof Star)) {
                        out.add(new Star());
                    }
                }
                case '?' -> out.add(new AnyOne());
                case '[' -> {
                    int end = part.indexOf(']', i + 2);
                    if (end < 0) {
                        out.add(new Literal('['));
                    } else {
                        String set = part.substring(i + 1, end);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        out.add(new OneOf(compileSet(set.replace("\\", "\\\\").replace("[", "\\["))));
                        i = end;
                    }
                }
                default -> {
                    int literal = part.codePointAt(i);
                    out.add(new Literal(literal));
                    i += Character.charCount(literal) - 1;
                }
            }
        }
        return out;
    }

    private static Pattern compileSet(String set) {
        try {
            return Pattern.compile("[" + set + "]");
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /**
     * Whether {@code name} matches {@code pattern}: on a mismatch, only the last {@code *} takes
     * one more character, so the time is at most the product of the two lengths. (A regular
     * expression with one {@code [^/]*} per star backtracked through every split of the name:
     * an include of 18 stars and a letter ran for minutes where keepalived took milliseconds.)
     */
    static boolean matches(List<Element> pattern, String name) {
        int[] text = name.codePoints().toArray();
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < text.length) {
            if (p < pattern.size() && pattern.get(p) instanceof Star) {
                star = p++;
                resume = n;
            } else if (p < pattern.size() && pattern.get(p).matches(text[n])) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.size() && pattern.get(p) instanceof Star) {
            p++;
        }
        return p == pattern.size();
    }
}
