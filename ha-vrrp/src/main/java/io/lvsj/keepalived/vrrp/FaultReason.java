package io.lvsj.keepalived.vrrp;

/**
 * Why an instance cannot take part in VRRP and sits in FAULT (keepalived's extension to the
 * RFC state machine, keepalived.md §3.4). The first reason found is the one reported.
 */
sealed interface FaultReason {
    /**
     * What keepalived logs when an instance starts in FAULT for this reason, or {@code null}
     * when it logs nothing (a weight-0 script that has not run yet).
     */
    String describe(String instance);

    /**
     * Where keepalived logs this reason at start-up: every tracked interface first, then files,
     * processes, then each instance's own (no address, scripts, BFD).
     */
    int order();

    /** The instance's interface, or a weight-0 tracked one, is down or missing. */
    record InterfaceDown(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + "): entering FAULT state (interface " + name + " down)";
        }

        @Override
        public int order() {
            return 0;
        }
    }

    /** The interface has no address to send adverts from (none configured with {@code mcast_src_ip}). */
    record NoAddress(boolean ipv4) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + ") entering FAULT state (no IPv" + (ipv4 ? 4 : 6) + " address for interface)";
        }

        @Override
        public int order() {
            return 3;
        }
    }

    /**
     * A weight-0 {@code track_script} has failed, or has not reported yet. At start-up no script
     * has run: keepalived 2.2.7 then puts the instance in FAULT (and notifies it) without a line.
     */
    record ScriptDown(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return null;
        }

        @Override
        public int order() {
            return 4;
        }
    }

    /**
     * A weight-0 {@code track_bfd} whose session is down (every session starts down). keepalived
     * gives no reason for this one, only "entering FAULT state".
     */
    record BfdDown(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return null;
        }

        @Override
        public int order() {
            return 5;
        }
    }

    /** A weight-0 {@code track_process} without its quorum. */
    record ProcessDown(String name) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + ") entering FAULT state (tracked process " + name + " quorum not achieved)";
        }

        @Override
        public int order() {
            return 2;
        }
    }

    /**
     * A {@code track_file} says fault: non-zero with weight 0 (keepalived's status -254), or a
     * weighted value ({@code status}) below -253.
     */
    record FileFault(String name, long status) implements FaultReason {
        @Override
        public String describe(String instance) {
            return "(" + instance + "): entering FAULT state (tracked file " + name + " has status " + status + ")";
        }

        @Override
        public int order() {
            return 1;
        }
    }

    /**
     * Something in the instance's configuration keepalived will not run (its
     * {@code num_config_faults}: unicast without peers and {@code unicast_fault_no_peer}, an
     * IPv4 ipvlan without an address...): FAULT for good. It was said when the configuration
     * was read; at start keepalived logs no state line for it (observed).
     */
    record Configuration() implements FaultReason {
        @Override
        public String describe(String instance) {
            return null;
        }

        @Override
        public int order() {
            return 1;
        }
    }
}
