package io.lvsj.keepalived.vrrp.config;

/**
 * Something an instance tracks ({@code track_interface}, {@code track_script},
 * {@code track_file}, {@code track_process}, {@code track_bfd}), with the weight that applies to this
 * instance after keepalived's rules (a script's own weight when the instance gives none, weights dropped in sync groups
 * and at priority 255) have been applied.
 *
 * @param kind    what is tracked
 * @param name    the interface, {@code vrrp_script} or {@code vrrp_track_file} name
 * @param weight  -254..254; 0 means "fault while down"
 * @param reverse {@code reverse}: the weight counts the other way round
 */
public record Tracked(Kind kind, String name, int weight, boolean reverse) {
    public enum Kind { INTERFACE, SCRIPT, FILE, PROCESS, BFD }

    public static Tracked iface(String name, int weight) {
        return new Tracked(Kind.INTERFACE, name, weight, false);
    }

    public static Tracked script(String name, int weight) {
        return new Tracked(Kind.SCRIPT, name, weight, false);
    }

    public static Tracked file(String name, int weight) {
        return new Tracked(Kind.FILE, name, weight, false);
    }

    public static Tracked process(String name, int weight) {
        return new Tracked(Kind.PROCESS, name, weight, false);
    }

    public int multiplier() {
        return reverse ? -1 : 1;
    }
}
