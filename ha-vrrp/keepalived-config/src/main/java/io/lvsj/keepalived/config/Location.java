package io.lvsj.keepalived.config;

/**
 * Where something was written: a configuration file and a 1-based line number.
 *
 * <p>A location is metadata, not part of a value: two locations are always equal. So two
 * configurations that say the same thing are equal wherever they said it, which is what a
 * reload wants when it compares the old configuration with the new one, and what the
 * dump-and-parse-again round trip checks.
 */
public record Location(String file, int line) {

    /** For things no file said: defaults, and messages about the command line. */
    public static final Location NONE = new Location("", 0);

    @Override
    public boolean equals(Object other) {
        return other instanceof Location;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** {@code file:line}, or just the file when there is no line. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line;
    }
}
