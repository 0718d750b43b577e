package io.lvsj.keepalived.config.read;

/**
 * How strict an {@code include} is ({@code include_t} in keepalived's parser): which problems
 * with the files it names are errors ({@code includer}, {@code includem}, {@code includew},
 * {@code includeb}, {@code includea}, and the global {@code include_check}) rather than notes.
 */
public final class IncludeCheck {
    private IncludeCheck() {
    }

    /** Error if a file is a directory, not readable, or executable. */
    public static final int READABLE = 0x01;
    /** Error if a name without wildcards matches nothing. */
    public static final int MATCH = 0x02;
    /** Error if a pattern with wildcards matches nothing. */
    public static final int WILDCARD_MATCH = 0x04;
    /** Error if any alternative of a {@code {a,b}} brace matches nothing. */
    public static final int BRACE_MATCH = 0x08;
    public static final int ALL = READABLE | MATCH | WILDCARD_MATCH | BRACE_MATCH;

    /** The checks an include keyword asks for: include, includer, includem, includew, includeb, includea. */
    static int forKeyword(char suffix) {
        return switch (suffix) {
            case 'r' -> READABLE;
            case 'm' -> READABLE | MATCH;
            case 'w' -> READABLE | MATCH | WILDCARD_MATCH;
            case 'b' -> READABLE | BRACE_MATCH;
            case 'a' -> ALL;
            default -> 0;
        };
    }
}
