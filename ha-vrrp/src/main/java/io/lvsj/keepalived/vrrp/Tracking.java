package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.TrackFileConfig;
import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The tracked world as last reported (interfaces up or down, script statuses, file values)
 * and what it means for one instance: the sum of its tracking weights and whether it must
 * sit in FAULT. The arithmetic is keepalived's (keepalived.md §3.4 "Priority arithmetic",
 * keepalived.conf(5) on track_interface, vrrp_script and track_file):
 * <ul>
 *   <li>weight 0: the instance is in FAULT while the item is down (with {@code reverse}, while up);</li>
 *   <li>a positive weight is added while the item is up, a negative one while it is down;
 *       {@code reverse} turns the adjustment round (keepalived.conf(5) on track_process: "the
 *       addition/subtraction is reversed");</li>
 *   <li>a file adds value × weight, capped to ±253, and faults below -253 (or on any non-zero
 *       value with weight 0);</li>
 *   <li>the effective priority is the base plus the sum, clamped to 1..254; an address
 *       owner's 255 never moves.</li>
 * </ul>
 */
final class Tracking {
    /**
     * The sum of the weights and every reason for FAULT, in the order found. A script that has
     * not reported yet counts neither up nor down (observed on keepalived 2.2.7).
     */
    record Outcome(int weight, List<FaultReason> faults) {
    }

    private static final int FILE_LIMIT = 253;

    private final Map<String, Boolean> interfaces = new HashMap<>();
    private final Map<String, TrackScript> scripts = new LinkedHashMap<>();
    private final Map<String, TrackFileConfig> files = new LinkedHashMap<>();
    private final Map<String, Long> fileValues = new HashMap<>();
    private final Map<String, Boolean> processQuorums = new HashMap<>();
    private final Map<String, Boolean> bfdUp = new HashMap<>();

    Tracking(Iterable<VrrpScriptConfig> scripts, Iterable<TrackFileConfig> files) {
        scripts.forEach(s -> this.scripts.put(s.name(), new TrackScript(s)));
        files.forEach(f -> this.files.put(f.name(), f));
    }

    /**
     * The states of the interfaces that matter and the file values at start (or at a
     * reload). The states are copied, not consulted later: the shell's own view moves on
     * before it reports a change, and a change is measured against what we knew.
     */
    void begin(Collection<String> interfaceNames, Predicate<String> interfaceUp, Map<String, Long> values) {
        interfaces.clear();
        interfaceNames.forEach(name -> interfaces.put(name, interfaceUp.test(name)));
        fileValues.putAll(values);
    }

    /** A reload keeps what the same scripts of the previous configuration had reported, and the BFD sessions' states. */
    void carryScriptsFrom(Tracking previous) {
        bfdUp.putAll(previous.bfdUp);
        scripts.forEach((name, script) -> {
            TrackScript before = previous.scripts.get(name);
            if (before != null) {
                script.carryFrom(before);
            }
        });
    }

    Map<String, TrackScript> scripts() {
        return scripts;
    }

    Map<String, TrackFileConfig> files() {
        return files;
    }

    /** Records a link change; returns whether it changed what we knew. */
    boolean interfaceChanged(String name, boolean up) {
        Boolean before = interfaces.put(name, up);
        return before == null || before != up;
    }

    /** Records a BFD session going up or down; returns whether it changed (every session starts down). */
    boolean bfdChanged(String name, boolean up) {
        Boolean before = bfdUp.put(name, up);
        return before == null ? up : before != up;
    }

    /** Records a tracked process's quorum; returns whether it changed. */
    boolean processChanged(String name, boolean quorum) {
        Boolean before = processQuorums.put(name, quorum);
        return before == null || before != quorum;
    }

    /** The quorums of the tracked processes at start (or at a reload). */
    void beginProcesses(Map<String, Boolean> quorums) {
        processQuorums.putAll(quorums);
    }

    /** Records a file's value; returns whether it changed. */
    boolean fileChanged(String name, long value) {
        Long before = fileValues.put(name, value);
        return before == null || before != value;
    }

    boolean isUp(String interfaceName) {
        return interfaces.getOrDefault(interfaceName, false);
    }

    /** What the tracked items of {@code config} add up to now. */
    Outcome evaluate(VirtualRouterConfig config) {
        List<FaultReason> faults = new ArrayList<>();
        if (!config.dontTrackPrimary() && !isUp(config.interfaceName())) {
            faults.add(new FaultReason.InterfaceDown(config.interfaceName()));
        } else if (!config.dontTrackPrimary() && config.virtualLink() != null && !isUp(config.virtualLink().name())) {
            faults.add(new FaultReason.InterfaceDown(config.virtualLink().name())); // keepalived tracks its VMAC too
        }
        for (String vmac : config.trackedAddressVmacs()) {
            if (!isUp(vmac)) {
                faults.add(new FaultReason.InterfaceDown(vmac)); // and its address VMACs
            }
        }
        int weight = 0;
        for (Tracked t : config.tracked()) {
            switch (t.kind()) {
                case INTERFACE -> {
                    boolean up = isUp(t.name());
                    if (t.weight() == 0 && up == t.reverse()) {
                        faults.add(new FaultReason.InterfaceDown(t.name()));
                    }
                    weight += adjustment(t, up);
                }
                case SCRIPT -> {
                    TrackScript script = scripts.get(t.name());
                    if (script == null) {
                        continue;
                    }
                    TrackScript.Status status = script.status();
                    boolean failing = status == TrackScript.Status.UNKNOWN
                            || (status == TrackScript.Status.UP) == t.reverse();
                    if (t.weight() == 0 && failing) {
                        faults.add(new FaultReason.ScriptDown(t.name()));
                    }
                    if (status != TrackScript.Status.UNKNOWN) {
                        weight += adjustment(t, status == TrackScript.Status.UP);
                    }
                }
                case BFD -> {
                    boolean up = bfdUp.getOrDefault(t.name(), false);
                    if (t.weight() == 0 && up == t.reverse()) {
                        faults.add(new FaultReason.BfdDown(t.name()));
                    }
                    weight += adjustment(t, up);
                }
                case PROCESS -> {
                    boolean quorum = processQuorums.getOrDefault(t.name(), false);
                    if (t.weight() == 0 && quorum == t.reverse()) {
                        faults.add(new FaultReason.ProcessDown(t.name()));
                    }
                    weight += adjustment(t, quorum);
                }
                case FILE -> {
                    long value = fileValues.getOrDefault(t.name(), 0L);
                    long scaled = value * t.weight() * t.multiplier();
                    if (t.weight() == 0 ? (value != 0) != t.reverse() : scaled < -FILE_LIMIT) {
                        faults.add(new FaultReason.FileFault(t.name(), t.weight() == 0 ? -254 : scaled));
                    } else {
                        weight += (int) Math.min(scaled, FILE_LIMIT);
                    }
                }
            }
        }
        return new Outcome(weight, List.copyOf(faults));
    }

    /** A positive weight counts while up, a negative one while down; {@code reverse} negates it. */
    private static int adjustment(Tracked t, boolean up) {
        if (t.weight() > 0 ? !up : up) {
            return 0;
        }
        return t.weight() * t.multiplier();
    }

    /** keepalived's effective priority: base + weights in 1..254; an owner's 255 stays. */
    static int effectivePriority(int base, int weight) {
        if (base == 255) {
            return 255;
        }
        return Math.clamp(base + (long) weight, 1, 254);
    }
}
