package io.lvsj.ipvs;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A change to the kernel's IPVS state: one netlink request. Commands are values, so a batch
 * is a list of them and a failure can say exactly which one failed.
 */
public sealed interface IpvsCommand {

    /** What this command does, in words, for error messages: "add service TCP 192.0.2.1:80". */
    String describe();

    record AddService(Service service) implements IpvsCommand {
        public AddService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String describe() {
            return "add service " + service.key();
        }
    }

    /** Replaces the service's scheduler, flags, timeout, netmask and persistence engine. */
    record EditService(Service service) implements IpvsCommand {
        public EditService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String describe() {
            return "edit service " + service.key();
        }
    }

    record DeleteService(ServiceKey key) implements IpvsCommand {
        public DeleteService {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String describe() {
            return "delete service " + key;
        }
    }

    record AddDestination(ServiceKey service, Destination destination) implements IpvsCommand {
        public AddDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String describe() {
            return "add destination " + Endpoints.format(destination.address(), destination.port()) + " to " + service;
        }
    }

    /** Replaces the destination's method, weight, thresholds and tunnel settings. */
    record EditDestination(ServiceKey service, Destination destination) implements IpvsCommand {
        public EditDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public String describe() {
            return "edit destination " + Endpoints.format(destination.address(), destination.port()) + " of " + service;
        }
    }

    record DeleteDestination(ServiceKey service, InetAddress address, int port) implements IpvsCommand {
        public DeleteDestination {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String describe() {
            return "delete destination " + Endpoints.format(address, port) + " from " + service;
        }
    }

    /** Zeroes the counters of one service, or of everything when {@code service} is {@code null}. */
    record Zero(ServiceKey service) implements IpvsCommand {
        @Override
        public String describe() {
            return service == null ? "zero all counters" : "zero counters of " + service;
        }
    }

    /** Deletes every service and destination. */
    record Flush() implements IpvsCommand {
        @Override
        public String describe() {
            return "flush the IPVS table";
        }
    }

    record SetTimeouts(Timeouts timeouts) implements IpvsCommand {
        public SetTimeouts {
            Objects.requireNonNull(timeouts, "timeouts");
        }

        @Override
        public String describe() {
            return "set timeouts tcp " + timeouts.tcp() + " tcpfin " + timeouts.tcpFin() + " udp " + timeouts.udp();
        }
    }

    record StartDaemon(SyncDaemon daemon) implements IpvsCommand {
        public StartDaemon {
            Objects.requireNonNull(daemon, "daemon");
        }

        @Override
        public String describe() {
            return "start " + daemon.state().word() + " sync daemon on " + daemon.interfaceName()
                    + " syncid " + daemon.syncId();
        }
    }

    record StopDaemon(DaemonState state, int syncId) implements IpvsCommand {
        public StopDaemon {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String describe() {
            return "stop " + state.word() + " sync daemon";
        }
    }
}
