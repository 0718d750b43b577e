package io.lvsj.ipvsadm;

import io.lvsj.fullnat.FirewallView;
import io.lvsj.fullnat.FullNat;
import io.lvsj.fullnat.FullNatException;
import io.lvsj.fullnat.FullNatService;
import io.lvsj.fullnat.FullNatTable;
import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvsadm.cli.Exit;
import io.lvsj.ipvsadm.cli.FullNatEdit;
import io.lvsj.ipvsadm.cli.Invocation;
import io.lvsj.ipvsadm.cli.KernelCall;
import io.lvsj.ipvsadm.listing.LocalAddressListing;
import io.lvsj.ipvsadm.listing.TableOrder;
import io.lvsj.ipvsadm.listing.TextOutput;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * ipvsadm-j's FullNAT extension: Alibaba LVS's {@code -P}/{@code -Q}/{@code -G} and
 * {@code --fullnat} over the stock kernel (an IPVS NAT destination plus LVS-J's source NAT
 * rules, see the fullnat module). A change that makes a FullNAT server reaches the firewall
 * first and is taken back if the kernel refuses its half; one that removes goes to the kernel
 * first. A user of neither sees nothing of this: the FullNAT table is an absent file.
 */
final class FullNatCommands {
    private final Environment env;
    private final KernelSession kernel;
    private final ErrorLog errors;
    private final TextOutput out;
    private FullNat fullNat;

    FullNatCommands(Environment env, KernelSession kernel, ErrorLog errors, TextOutput out) {
        this.env = env;
        this.kernel = kernel;
        this.errors = errors;
        this.out = out;
    }

    FullNat fullNat() {
        if (fullNat == null) {
            fullNat = env.fullNat().open();
        }
        return fullNat;
    }

    /** The FullNAT table for listings. */
    FullNatTable table() {
        try {
            return fullNat().table();
        } catch (FullNatException e) {
            errors.report("ipvsadm-j: " + e.getMessage());
            throw new Exit(1, null);
        }
    }

    /** Whether {@code change} touches the FullNAT table as it is now. */
    boolean concerns(Invocation.Change change) {
        if (change.fullNat() instanceof FullNatEdit.None) {
            return false;
        }
        FullNatTable now = table();
        try {
            return !change.fullNat().apply(now).equals(now);
        } catch (FullNatException e) {
            return true;
        }
    }

    /** Carries out a change to IPVS that changes the FullNAT table too; 0 or -1 as ipvsadm's commands. */
    int change(Invocation.Change change) {
        FullNatEdit edit = change.fullNat();
        if (edit instanceof FullNatEdit.MarkServer mark) {
            boolean wasFullNat = table().isFullNat(mark.key(), mark.server());
            if (!update(edit::apply)) {
                return -1;
            }
            int status = kernelChange(change);
            if (status != 0 && !wasFullNat) {
                update(t -> t.withoutRealServer(mark.key(), mark.server()));
            }
            return status;
        }
        int status = kernelChange(change);
        return status == 0 && !update(edit::apply) ? -1 : status;
    }

    /** {@code -P} / {@code -Q}: the service must exist in IPVS. */
    int localAddress(Invocation.LocalAddress request) {
        if (!serviceExists(request.key())) {
            return -1;
        }
        return update(t -> request.add() ? t.withLocalAddress(request.key(), request.address())
                : t.withoutLocalAddress(request.key(), request.address())) ? 0 : -1;
    }

    boolean serviceExists(ServiceKey key) {
        try {
            if (kernel.ipvs().service(key).isPresent()) {
                return true;
            }
            errors.report(KernelMessages.describe(KernelCall.GET_SERVICE, Errno.ESRCH.number()));
        } catch (NetlinkException e) {
            errors.report(KernelMessages.describe(KernelCall.GET_SERVICE, e.errno()));
        }
        return false;
    }

    /** Applies an edit of the table to the host; reports and returns false when it cannot. */
    boolean update(UnaryOperator<FullNatTable> edit) {
        try {
            for (String warning : fullNat().update(edit)) {
                errors.report("ipvsadm-j: warning: " + warning);
            }
            return true;
        } catch (FullNatException e) {
            errors.report(e.getMessage());
            return false;
        }
    }

    /** {@code -G}: the local addresses of every TCP, UDP and SCTP service, or of one. */
    void list(ServiceKey only) {
        List<ServiceEntry> services;
        try {
            if (only != null) {
                Optional<ServiceEntry> one = kernel.ipvs().service(only);
                if (one.isEmpty()) {
                    errors.report(KernelMessages.describe(KernelCall.GET_SERVICE, Errno.ESRCH.number()));
                    throw new Exit(1, null);
                }
                services = List.of(one.get());
            } else {
                services = TableOrder.services(kernel.ipvs().services());
            }
        } catch (NetlinkException e) {
            errors.report(KernelMessages.describe(KernelCall.GET_SERVICES, e.errno()));
            throw new Exit(1, null);
        }
        FullNatTable table = table();
        Map<AddressFamily, FirewallView> views;
        long clashes;
        try {
            views = table.isEmpty() ? Map.of() : fullNat().views();
            clashes = table.isEmpty() ? 0 : fullNat().natClashes();
        } catch (FullNatException e) {
            errors.report("ipvsadm-j: " + e.getMessage());
            throw new Exit(1, null);
        }
        StringBuilder text = new StringBuilder();
        LocalAddressListing.title(text);
        for (ServiceEntry s : services) {
            if (s.key() instanceof ServiceKey.Inet key) {
                FullNatService fn = table.service(key).orElse(FullNatService.empty(key));
                FirewallView view = views.getOrDefault(key.family(), FirewallView.none());
                LocalAddressListing.service(text, fn, view, clashes);
            }
        }
        out.print(text);
    }

    private int kernelChange(Invocation.Change change) {
        try {
            kernel.ipvs().execute(change.command());
            return 0;
        } catch (NetlinkException e) {
            errors.report(KernelMessages.describe(change.call(), e.errno()));
            return -1;
        }
    }

    /**
     * {@code -R}'s FullNAT side: edits wait with their line while the kernel batch is out,
     * and are folded in line order once it is back, skipping lines the kernel refused; the
     * firewall is then changed once, at the end of the input.
     */
    final class Restore {
        private record Waiting(int line, FullNatEdit edit) {
        }

        private final List<Waiting> waiting = new ArrayList<>();
        private FullNatTable before;
        private FullNatTable table;

        private FullNatTable table() {
            if (table == null) {
                before = FullNatCommands.this.table();
                table = before;
            }
            return table;
        }

        /** Whether a change line needs remembering (it does something to FullNAT). */
        boolean wants(Invocation.Change change) {
            if (change.fullNat() instanceof FullNatEdit.None) {
                return false;
            }
            return change.fullNat() instanceof FullNatEdit.MarkServer || !table().isEmpty() || !waiting.isEmpty();
        }

        void add(int line, FullNatEdit edit) {
            waiting.add(new Waiting(line, edit));
        }

        /** Folds the waiting edits of the lines the kernel took. */
        void settle(java.util.Set<Integer> failedLines) {
            for (Waiting w : waiting) {
                if (!failedLines.contains(w.line())) {
                    table = w.edit().apply(table());
                }
            }
            waiting.clear();
        }

        /** A {@code -P}/{@code -Q} line, once the lines before it are settled; false when it failed. */
        boolean localAddress(Invocation.LocalAddress request) {
            if (!serviceExists(request.key())) {
                return false;
            }
            try {
                table = request.add() ? table().withLocalAddress(request.key(), request.address())
                        : table().withoutLocalAddress(request.key(), request.address());
                return true;
            } catch (FullNatException e) {
                errors.report(e.getMessage());
                return false;
            }
        }

        /** Makes the host match what the input asked for; false when that failed. */
        boolean finish() {
            if (table == null || table.equals(before)) {
                return true;
            }
            FullNatTable wanted = table;
            before = wanted;
            return update(t -> wanted);
        }
    }
}
