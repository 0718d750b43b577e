package io.lvsj.syncd.cluster;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Header;
import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ByteArray;
import org.jgroups.util.FastArray;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.DataInput;
import java.io.DataOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A JGroups protocol, directly above the transport, that seals every message with the cluster
 * key: the whole message (headers, flags, sender and payload) is serialised and encrypted
 * with AES-256-GCM, which also authenticates it. So discovery, joins, heartbeats, state and
 * connection records all need the key: a node without it can neither join nor be heard, and
 * whatever it sends is dropped here, counted and logged, before any protocol above sees it.
 *
 * <p>Each process seals with its own key, derived from the cluster key and a random 16-byte
 * salt it sends along, and a counter as the nonce, so nonces never repeat under one key.
 * The cluster name is authenticated too, so one key file can serve several clusters.
 *
 * <p>A message this seal opened may come up through it a second time: JGroups' BARRIER, above,
 * holds back the multicasts that arrive while it is closed (on a member loading the table, until
 * a moment after its join returned, and on the coordinator taking the digest for it), and when it
 * opens hands the last one from each sender to the transport again, so that NAKACK2 learns what
 * it missed and fetches it. That message is passed up as it is, recognised by a mark only this
 * seal puts on what it opened ({@link #OPENED}); refused as unsealed, it left the member without
 * the records sent to it meanwhile, until the sender happened to multicast again.
 *
 * <pre>1 version | 16 salt | 8 counter | AES-GCM(serialised message) with a 16-byte tag</pre>
 */
public final class Seal extends Protocol {
    static final short ID = 1813;
    private static final byte VERSION = 1;
    private static final int SALT = 16;
    private static final int HEAD = 1 + SALT + 8;
    private static final int TAG_BITS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(Seal.class);

    /**
     * The mark on every message this seal opened, compared by identity: a mark read off the wire
     * (a retransmission of another member's message carries one inside the seal) is another
     * object, so no peer can make an unsealed message pass as opened.
     */
    private static final Opened OPENED = new Opened();

    static {
        ClassConfigurator.addProtocol(ID, Seal.class);
        ClassConfigurator.add(Opened.MAGIC, Opened.class);
    }

    private final byte[] sealKey;
    private final byte[] salt = new byte[SALT];
    private final SecretKeySpec sendKey;
    private final AtomicLong counter = new AtomicLong();
    private final byte[] cluster;
    private final Map<ByteBuffer, SecretKeySpec> peerKeys = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, SecretKeySpec> eldest) {
                    return size() > 256;
                }
            });
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Seal::newCipher);
    private final LongAdder rejected = new LongAdder();
    private final Map<Address, LongAdder> rejectedBySender = new ConcurrentHashMap<>();

    public Seal(ClusterKey key, String clusterName) {
        this.sealKey = key.derive("lvs-syncd seal v1");
        new SecureRandom().nextBytes(salt);
        this.sendKey = processKey(sealKey, salt);
        this.cluster = clusterName.getBytes(StandardCharsets.UTF_8);
    }

    /** How many messages were dropped because they were not sealed with this cluster's key. */
    public long rejected() {
        return rejected.sum();
    }

    private static SecretKeySpec processKey(byte[] sealKey, byte[] salt) {
        return new SecretKeySpec(ClusterKey.hmac(sealKey, salt), "AES");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
    }

    @Override
    public Object down(Message msg) {
        try {
            if (msg.getSrc() == null) {
                msg.setSrc(local_addr);
            }
            ByteArray plain = Util.messageToBuffer(msg);
            long n = counter.incrementAndGet();
            byte[] out = new byte[HEAD + plain.getLength() + TAG_BITS / 8];
            out[0] = VERSION;
            System.arraycopy(salt, 0, out, 1, SALT);
            ByteBuffer.wrap(out, 1 + SALT, 8).putLong(n);
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, sendKey, new GCMParameterSpec(TAG_BITS, nonce(out, 0)));
            c.updateAAD(cluster);
            c.updateAAD(out, 0, HEAD);
            c.doFinal(plain.getArray(), plain.getOffset(), plain.getLength(), out, HEAD);
            Message sealed = new BytesMessage(msg.getDest(), out);
            sealed.setFlag(msg.getFlags(false), false);
            sealed.setFlag(msg.getFlags(true), true);
            return down_prot.down(sealed);
        } catch (Exception e) {
            LOG.warn("cannot seal a cluster message to {}: {}", msg.getDest() == null ? "all" : msg.getDest(), e.toString());
            return null;
        }
    }

    /** The 12-byte GCM nonce: four zero bytes and the sender's 8-byte counter. */
    private static byte[] nonce(byte[] b, int offset) {
        byte[] nonce = new byte[12];
        System.arraycopy(b, offset + 1 + SALT, nonce, 4, 8);
        return nonce;
    }

    @Override
    public Object up(Message msg) {
        Message opened = open(msg, msg.getSrc());
        return opened == null ? null : up_prot.up(opened);
    }

    @Override
    public void up(MessageBatch batch) {
        FastArray<Message>.FastIterator it = (FastArray<Message>.FastIterator) batch.iterator();
        while (it.hasNext()) {
            Message msg = it.next();
            Message opened = open(msg, msg.getSrc() != null ? msg.getSrc() : batch.sender());
            if (opened == null) {
                it.remove();
            } else {
                it.replace(opened);
            }
        }
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    /** The message inside {@code msg}, or {@code null} (counted and logged) if it is not sealed with our key. */
    private Message open(Message msg, Address sender) {
        if (msg.getHeader(ID) == OPENED) {
            return msg;     // opened here already, and handed up again by BARRIER
        }
        if (!msg.hasArray()) {
            // another message type, which our seal never sends
            return reject(sender, "it is not sealed (a " + msg.getClass().getSimpleName() + ")");
        }
        byte[] b = msg.getArray();
        int off = msg.getOffset();
        int len = msg.getLength();
        if (b == null || len < HEAD + TAG_BITS / 8 || b[off] != VERSION) {
            return reject(sender, "it is not sealed (" + len + " bytes" + (len > 0 && b != null ? ", version "
                    + b[off] : "") + ")");
        }
        try {
            ByteBuffer saltKey = ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, off + 1, off + 1 + SALT));
            SecretKeySpec key = peerKeys.computeIfAbsent(saltKey, s -> processKey(sealKey, s.array()));
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(b, off)));
            c.updateAAD(cluster);
            c.updateAAD(b, off, HEAD);
            byte[] plain = c.doFinal(b, off + HEAD, len - HEAD);
            Message inner = Util.messageFromBuffer(plain, 0, plain.length);
            if (sender != null && !sender.equals(inner.getSrc())) {
                return reject(sender, "it names another sender inside (" + inner.getSrc() + ")");
            }
            return inner.putHeader(ID, OPENED);
        } catch (GeneralSecurityException e) {
            return reject(sender, "it is not sealed with this cluster's key");
        } catch (Exception e) {
            return reject(sender, "it does not decode (" + e + ")");
        }
    }

    private Message reject(Address sender, String why) {
        rejected.increment();
        if (rejectedBySender.size() > 1024) {
            rejectedBySender.clear();     // forged sender addresses must not fill the heap
        }
        LongAdder count = rejectedBySender.computeIfAbsent(sender == null ? local_addr : sender, a -> new LongAdder());
        count.increment();
        long n = count.sum();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("Dropped a cluster message from {}{}: {}; a peer without the cluster key is refused"
                            + " and nothing it sends reaches the kernel ({} dropped from it so far)",
                    sender, physical(sender), why, n);
        }
        return null;
    }

    private String physical(Address sender) {
        if (sender == null) {
            return "";
        }
        try {
            Object p = down_prot.down(new Event(Event.GET_PHYSICAL_ADDRESS, sender));
            return p == null ? "" : " at " + p;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The mark of an opened message: no content; it crosses the wire only inside a seal, and counts for nothing there. */
    public static final class Opened extends Header {
        static final short MAGIC = 1813;

        public Opened() {
            // JGroups makes headers it reads with this constructor
        }

        @Override
        public short getMagicId() {
            return MAGIC;
        }

        @Override
        public Supplier<? extends Header> create() {
            return Opened::new;
        }

        @Override
        public int serializedSize() {
            return 0;
        }

        @Override
        public void writeTo(DataOutput out) {
        }

        @Override
        public void readFrom(DataInput in) {
        }
    }
}
