package io.lvsj.ipvsadm.cli;

/**
 * ipvsadm's commands with the names its messages use and the row of its legality table: one
 * character per {@link Opt}, in order: {@code +} required, {@code x} not allowed, {@code 1}
 * at most one of the options so marked, {@code .} optional.
 */
public enum CommandName {
    //                  numeric..l-threshold  mcast..syncid  exact..sync-maxlen  tun-info..remcsum json prometheus laddr
    ADD("add-service",     "xx+...xxxx" + "xxxxxxxxxx" + "x...xxxxxx" + "xxxx" + "x" + "x" + "x"),
    EDIT("edit-service",   "xx+...xxxx" + "xxxxxxxxxx" + "x...xxxxxx" + "xxxx" + "x" + "x" + "x"),
    DELETE("delete-service", "xx+xxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    FLUSH("flush",          "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    LIST("list",            ".11xxxxxxx" + "xx11......" + ".xxxxxxx.x" + "xxxx" + "." + "." + "x"),
    ADD_SERVER("add-server", "xx+xxx+..." + ".xxxxxxxxx" + "xxxxxxxxx." + "...." + "x" + "x" + "x"),
    DELETE_SERVER("delete-server", "xx+xxx+xxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    EDIT_SERVER("edit-server", "xx+xxx+..." + ".xxxxxxxxx" + "xxxxxxxxx." + "...." + "x" + "x" + "x"),
    SET("set",              "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    START_DAEMON("start-daemon", "xxxxxxxxxx" + "x.xxxxxxx." + "xxxx....xx" + "xxxx" + "x" + "x" + "x"),
    STOP_DAEMON("stop-daemon", "xxxxxxxxxx" + "xxxxxxxxx." + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    RESTORE("restore",      "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    SAVE("save",            ".xxxxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    ZERO("zero",            "xx.xxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x"),
    // Extensions: Alibaba LVS's local-address commands.
    ADD_LADDR("add-laddr",  "xx+xxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "+"),
    DEL_LADDR("del-laddr",  "xx+xxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "+"),
    GET_LADDR("get-laddr",  "xx.xxxxxxx" + "xxxxxxxxxx" + "xxxxxxxxxx" + "xxxx" + "x" + "x" + "x");

    private final String label;
    private final String rules;

    CommandName(String label, String rules) {
        if (rules.length() != Opt.values().length) {
            throw new IllegalStateException(label + ": legality row has " + rules.length() + " entries");
        }
        this.label = label;
        this.rules = rules;
    }

    /** The name ipvsadm's messages use. */
    public String label() {
        return label;
    }

    /** The legality rule for {@code option}: one of {@code + x 1 .}. */
    public char rule(Opt option) {
        return rules.charAt(option.ordinal());
    }
}
