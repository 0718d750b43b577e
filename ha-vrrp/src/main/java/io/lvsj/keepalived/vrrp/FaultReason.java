package io.lvsj.keepalived.vrrp;

/**
 * Why an instance cannot take part in VRRP and sits in FAULT (keepalived's extension to the
 * RFC state machine, keepalived.md §3.4). The first reason found is the one reported.
 */
sealed interface FaultReason {
    /** What keepalived logs when an instance starts in FAULT for this reason. */
    String describe(String instance);

    /** The instance's interface, or a weight-0 tracked one, is down or missing. */
    record InterfaceDown(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + "): entering FAULT state (interface " + name + " down)";
        }
    }

    /** The interface has no address to send adverts from (none configured with {@code mcast_src_ip}). */
    record NoAddress(boolean ipv4) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + ") entering FAULT state (no " + (ipv4 ? "IPv4 address" : "IPv6 link local address")
                    + " for interface)";
        }
    }

    /** A weight-0 {@code track_script} has failed, or has not reported yet. */
    record ScriptDown(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + ") entering FAULT state (tracked script " + name + " not OK)";
        }
    }

    /** A {@code track_file} says fault: non-zero with weight 0, or a weighted value below -253. */
    record FileFault(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + ") entering FAULT state (tracked file " + name + " in fault)";
        }
    }
}
