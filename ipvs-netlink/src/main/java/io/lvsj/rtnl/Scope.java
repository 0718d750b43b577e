package io.lvsj.rtnl;

/** Address and route scope ({@code RT_SCOPE_*}), with the names iproute2 and keepalived use. */
public enum Scope {
    GLOBAL(0, "global"),
    SITE(200, "site"),
    LINK(253, "link"),
    HOST(254, "host"),
    NOWHERE(255, "nowhere");

    private final int number;
    private final String word;

    Scope(int number, String word) {
        this.number = number;
        this.word = word;
    }

    public int number() {
        return number;
    }

    public String word() {
        return word;
    }

    /** The scope for a kernel number; numbers without a name map to the nearest wider scope. */
    public static Scope ofNumber(int number) {
        for (Scope s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return number < 200 ? GLOBAL : number < 253 ? SITE : number < 254 ? LINK : HOST;
    }

    /** "global", "site", "link", "host", "nowhere" (case-insensitive), or {@code null}. */
    public static Scope ofWord(String word) {
        for (Scope s : values()) {
            if (s.word.equalsIgnoreCase(word)) {
                return s;
            }
        }
        return null;
    }
}
