package io.lvsj.syncd.cluster;

import io.lvsj.syncd.wire.Decoded;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * This director's membership of the sync cluster: a JGroups channel over the sealed stack
 * ({@link Stacks}). It sends connection records to every other member, hands records from
 * them to its {@link Listener}, and gives and takes the whole table by state transfer.
 */
public final class SyncCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCluster.class);

    /** What the cluster hands to the daemon. Called on JGroups' threads. */
    public interface Listener {
        /** Records a member sent (checked); {@code syncId} is the sync id of the master that sent them. */
        void received(String from, int syncId, List<byte[]> records);

        /** Conntrack records of FullNAT services a member sent (checked). */
        void receivedConntrack(String from, List<byte[]> records);

        /** A message from a member that did not decode. */
        void rejected(String from, Decoded.Rejected why);

        /** The member list changed (oldest, the coordinator, first). */
        void membersChanged(List<String> members);

        /** Writes the table for a member that joins. */
        void writeState(OutputStream out) throws IOException;

        /** Reads the table given by the coordinator when this director joined. */
        void readState(InputStream in) throws IOException;
    }

    private final JChannel channel;
    private final Seal seal;
    private final ClusterSettings settings;

    private SyncCluster(JChannel channel, Seal seal, ClusterSettings settings) {
        this.channel = channel;
        this.seal = seal;
        this.settings = settings;
    }

    /**
     * Joins the cluster and, unless this director is the first member, fetches the table from
     * the coordinator (through {@link Listener#readState}) before returning.
     */
    public static SyncCluster join(ClusterSettings settings, Listener listener) throws Exception {
        JGroupsLogs.install();
        Seal seal = new Seal(settings.key(), settings.name());
        JChannel channel = new JChannel(Stacks.protocols(settings, seal)).name(settings.node());
        channel.setDiscardOwnMessages(true);
        SyncCluster cluster = new SyncCluster(channel, seal, settings);
        channel.setReceiver(cluster.receiver(listener));
        try {
            channel.connect(settings.name(), null, settings.stateTimeout().toMillis());
        } catch (Exception e) {
            channel.close();
            throw e;
        }
        return cluster;
    }

    private Receiver receiver(Listener listener) {
        return new Receiver() {
            @Override
            public void receive(Message msg) {
                String from = String.valueOf(msg.getSrc());
                ClusterMessages.Received d = msg.hasArray()
                        ? ClusterMessages.decode(msg.getArray(), msg.getOffset(), msg.getLength())
                        : new ClusterMessages.Received.Rejected(
                                new Decoded.Rejected(io.lvsj.syncd.wire.Rejection.CLUSTER_FORMAT, 0));
                switch (d) {
                    case ClusterMessages.Received.Sync a -> listener.received(from, a.syncId(), a.records());
                    case ClusterMessages.Received.Conntrack c -> listener.receivedConntrack(from, c.records());
                    case ClusterMessages.Received.Rejected r -> listener.rejected(from, r.why());
                }
            }

            @Override
            public void viewAccepted(View view) {
                listener.membersChanged(view.getMembers().stream().map(String::valueOf).toList());
            }

            @Override
            public void getState(OutputStream out) throws Exception {
                listener.writeState(out);
            }

            @Override
            public void setState(InputStream in) throws Exception {
                listener.readState(in);
            }
        };
    }

    /** Sends conntrack records (checked) to every other member. */
    public void sendConntrack(List<byte[]> records) throws Exception {
        for (byte[] m : ClusterMessages.conntrack(records)) {
            channel.send(new BytesMessage(null, m));
        }
    }

    /** Sends records (checked) to every other member. */
    public void send(int syncId, List<byte[]> records) throws Exception {
        for (byte[] m : ClusterMessages.records(syncId, records)) {
            channel.send(new BytesMessage(null, m));
        }
    }

    /** The members now, coordinator first. */
    public List<String> members() {
        View v = channel.getView();
        return v == null ? List.of() : v.getMembers().stream().map(String::valueOf).toList();
    }

    /** Whether this director is the coordinator (the oldest member), which gives joiners the table. */
    public boolean coordinator() {
        View v = channel.getView();
        Address self = channel.address();
        return v != null && self != null && self.equals(v.getCoord());
    }

    public String node() {
        return settings.node();
    }

    /** Messages dropped because they were not sealed with the cluster key. */
    public long sealRejected() {
        return seal.rejected();
    }

    /** The channel, for tests in this package that drive its protocols (JGroups' BARRIER) directly. */
    JChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        LOG.debug("leaving cluster {}", settings.name());
        channel.close();
    }
}
