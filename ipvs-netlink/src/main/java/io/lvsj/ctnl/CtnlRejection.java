package io.lvsj.ctnl;

/** Why a ctnetlink message was not decoded as a conntrack entry. */
public enum CtnlRejection {
    NOT_CONNTRACK("not a ctnetlink conntrack message"),
    TRUNCATED("shorter than its nfgenmsg header"),
    MALFORMED("an attribute runs past its message or has a bad length"),
    NO_TUPLE("an original or reply tuple is missing"),
    ADDRESS("a tuple's addresses are missing, of mixed families or of a bad length"),
    PROTOCOL("a tuple has no protocol, or the two tuples differ in it");

    private final String text;

    CtnlRejection(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The reason as a counter label: "no_tuple". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
