package io.lvsj.ipvsadm.cli;

import io.lvsj.fullnat.FullNatTable;
import io.lvsj.fullnat.RealServer;
import io.lvsj.ipvs.ServiceKey;

/**
 * What a change to IPVS does to the FullNAT table (an extension of ipvsadm-j): a real server
 * added or edited with {@code --fullnat} becomes a FullNAT server; edited, added or deleted
 * without it, it stops being one; a deleted service or a cleared table takes its FullNAT
 * settings with it.
 */
public sealed interface FullNatEdit {

    FullNatTable apply(FullNatTable table);

    /** Nothing to do with FullNAT. */
    record None() implements FullNatEdit {
        @Override
        public FullNatTable apply(FullNatTable table) {
            return table;
        }
    }

    record MarkServer(ServiceKey.Inet key, RealServer server) implements FullNatEdit {
        @Override
        public FullNatTable apply(FullNatTable table) {
            return table.withRealServer(key, server);
        }
    }

    record ClearServer(ServiceKey.Inet key, RealServer server) implements FullNatEdit {
        @Override
        public FullNatTable apply(FullNatTable table) {
            return table.withoutRealServer(key, server);
        }
    }

    record DropService(ServiceKey.Inet key) implements FullNatEdit {
        @Override
        public FullNatTable apply(FullNatTable table) {
            return table.withoutService(key);
        }
    }

    record DropAll() implements FullNatEdit {
        @Override
        public FullNatTable apply(FullNatTable table) {
            return FullNatTable.empty();
        }
    }
}
