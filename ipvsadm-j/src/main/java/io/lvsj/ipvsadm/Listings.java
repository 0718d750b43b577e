package io.lvsj.ipvsadm;

import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.ServiceListing;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvsadm.cli.Exit;
import io.lvsj.ipvsadm.cli.KernelCall;
import io.lvsj.ipvsadm.cli.ListFormat;
import io.lvsj.ipvsadm.inet.NameService;
import io.lvsj.ipvsadm.listing.ConnectionListing;
import io.lvsj.ipvsadm.listing.JsonListing;
import io.lvsj.ipvsadm.listing.PrometheusListing;
import io.lvsj.ipvsadm.listing.ProcIpvsTable;
import io.lvsj.ipvsadm.listing.StatusLines;
import io.lvsj.ipvsadm.listing.TableListing;
import io.lvsj.ipvsadm.listing.TableOrder;
import io.lvsj.ipvsadm.listing.TextOutput;
import io.lvsj.netlink.NetlinkException;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code -L}, {@code -S} and {@code -Lc} commands: what they read from the kernel, in
 * which order, and how a failure ends them (status 1, after what was already printed, as
 * ipvsadm). The whole table is read over one netlink socket: one service dump, then one
 * destination dump per service, back to back (ipvsadm opens a socket and resolves the family
 * for each of them); the plain listing reads the destinations from {@code /proc/net/ip_vs}
 * instead, in one go, where it can.
 */
final class Listings {
    /** Flush to the output every so often, so a huge table streams instead of piling up. */
    private static final int FLUSH_AT = 64 * 1024;
    private static final String CONN_FILE = "/proc/net/ip_vs_conn";

    private final KernelSession kernel;
    private final Environment env;
    private final TextOutput out;
    private final ErrorLog errors;
    private final FullNatCommands fullNat;

    Listings(KernelSession kernel, Environment env, TextOutput out, ErrorLog errors, FullNatCommands fullNat) {
        this.kernel = kernel;
        this.env = env;
        this.out = out;
        this.errors = errors;
        this.fullNat = fullNat;
    }

    /** {@code -L} of everything, or {@code -S} when the format is {@code rule}. */
    void all(ListFormat format) {
        Ipvs ipvs = kernel.ipvs();
        if (format.prometheus()) {
            List<ServiceEntry> services = read(KernelCall.GET_SERVICES, ipvs::services);
            List<ServiceListing> table = new ArrayList<>(services.size());
            for (ServiceEntry service : format.nosort() ? services : TableOrder.services(services)) {
                table.add(new ServiceListing(service, read(KernelCall.GET_DESTS, () -> ipvs.destinations(service.key()))));
            }
            out.print(PrometheusListing.text(table));
            return;
        }
        StringBuilder text = new StringBuilder(FLUSH_AT + 4096);
        try {
            JsonListing json = format.json() ? new JsonListing(text, fullNat.table()) : null;
            if (json != null) {
                json.beginTable(kernel.info());
            } else if (!format.rule()) {
                TableListing.header(text, kernel.info());
            }
            List<ServiceEntry> services = read(KernelCall.GET_SERVICES, ipvs::services);
            if (!format.nosort()) {
                services = TableOrder.services(services);
            }
            ProcIpvsTable proc = isPlain(format) ? procTable() : null;
            TableListing table = new TableListing(format, env.names(), fullNat.table());
            if (json == null) {
                table.title(text);
            }
            for (ServiceEntry service : services) {
                List<DestinationEntry> destinations = proc != null ? proc.destinations(service.key()) : null;
                if (destinations == null) {
                    destinations = read(KernelCall.GET_DESTS, () -> ipvs.destinations(service.key()));
                }
                if (json != null) {
                    json.service(service, format.nosort() ? destinations : TableOrder.destinations(destinations));
                } else {
                    table.service(text, service, destinations);
                }
                if (text.length() >= FLUSH_AT) {
                    out.print(text);
                    text.setLength(0);
                }
            }
            if (json != null) {
                json.endTable();
            }
        } finally {
            out.print(text); // on failure too: ipvsadm's stdout keeps what it printed before
        }
    }

    /**
     * The plain listing shows only what {@code /proc/net/ip_vs} has of a destination, so it can
     * read every destination there at once instead of with one netlink dump per service.
     */
    private static boolean isPlain(ListFormat f) {
        return !f.rule() && !f.json() && !f.stats() && !f.rate() && !f.thresholds() && !f.persistentConn() && !f.tunInfo();
    }

    /** The kernel's /proc table, or null when it cannot be read (the listing then asks netlink). */
    private ProcIpvsTable procTable() {
        try (ReadableByteChannel file = env.procNet().open("ip_vs")) {
            return ProcIpvsTable.read(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code -L -t|-u|-f ...}: no version header. */
    void one(ServiceKey key, ListFormat format) {
        Ipvs ipvs = kernel.ipvs();
        Optional<ServiceEntry> found = read(KernelCall.GET_SERVICE, () -> ipvs.service(key));
        if (found.isEmpty()) {
            errors.report(KernelMessages.describe(KernelCall.GET_SERVICE, io.lvsj.sys.Errno.ESRCH.number()));
            throw new Exit(1, null);
        }
        ServiceEntry service = found.get();
        List<DestinationEntry> destinations = read(KernelCall.GET_DESTS, () -> ipvs.destinations(service.key()));
        StringBuilder text = new StringBuilder();
        if (format.prometheus()) {
            text.append(PrometheusListing.text(List.of(new ServiceListing(service, destinations))));
        } else if (format.json()) {
            JsonListing json = new JsonListing(text, fullNat.table());
            json.beginTable(null);
            json.service(service, format.nosort() ? destinations : TableOrder.destinations(destinations));
            json.endTable();
        } else {
            TableListing table = new TableListing(format, env.names(), fullNat.table());
            table.title(text);
            table.service(text, service, destinations);
        }
        out.print(text);
    }

    /** {@code -L --timeout}; a failure ends with status 1 and, as in ipvsadm, no message. */
    void timeouts(ListFormat format) {
        Timeouts t = silently(() -> kernel.ipvs().timeouts());
        if (format.json()) {
            StringBuilder text = new StringBuilder();
            new JsonListing(text).timeouts(t);
            out.print(text);
        } else {
            out.print(StatusLines.timeouts(t));
        }
    }

    /** {@code -L --daemon}; a failure ends with status 1 and no message. */
    void daemons(ListFormat format) {
        List<SyncDaemon> daemons = silently(() -> kernel.ipvs().daemons());
        if (format.json()) {
            StringBuilder text = new StringBuilder();
            new JsonListing(text).daemons(daemons);
            out.print(text);
        } else {
            out.print(StatusLines.daemons(daemons));
        }
    }

    /** {@code -Lc}: the connection table from {@code /proc/net/ip_vs_conn}. */
    void connections(ListFormat format) {
        kernel.open();
        String file;
        try {
            file = env.procNet().read("ip_vs_conn");
        } catch (IOException e) {
            errors.report("cannot open file " + CONN_FILE);
            throw new Exit(1, null);
        }
        List<String> pieces = ConnectionListing.pieces(file);
        if (pieces.isEmpty()) {
            errors.report("unexpected input from " + CONN_FILE);
            throw new Exit(1, null);
        }
        StringBuilder text = new StringBuilder();
        try {
            JsonListing json = format.json() ? new JsonListing(text) : null;
            if (json != null) {
                json.beginConnections();
            } else {
                text.append(ConnectionListing.title(format.persistentConn()));
            }
            for (String piece : pieces.subList(1, pieces.size())) {
                ConnectionListing.Row row = ConnectionListing.parse(piece);
                if (row == null) {
                    throw new Exit(1, null); // ipvsadm exits when a piece holds no field at all
                }
                if (json != null) {
                    json.connection(row);
                } else {
                    text.append(ConnectionListing.line(row, format.numeric(), format.persistentConn(), env.names()));
                }
            }
            if (json != null) {
                json.endConnections();
            }
        } finally {
            out.print(text);
        }
    }

    private interface KernelRead<T> {
        T read();
    }

    /** Runs a read; a kernel error is printed as ipvsadm words it and ends with status 1. */
    private <T> T read(KernelCall call, KernelRead<T> read) {
        try {
            return read.read();
        } catch (NetlinkException e) {
            errors.report(KernelMessages.describe(call, e.errno()));
            throw new Exit(1, null);
        }
    }

    private static <T> T silently(KernelRead<T> read) {
        try {
            return read.read();
        } catch (NetlinkException e) {
            throw new Exit(1, null);
        }
    }
}
