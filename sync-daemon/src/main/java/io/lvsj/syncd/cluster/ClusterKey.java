package io.lvsj.syncd.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The cluster's shared secret: every director holds the same key file, and only a holder can
 * join or be heard ({@link Seal}). The file is one line of base64, at least 16 bytes of key
 * ({@code lvs-syncd --generate-key FILE} writes 32 random bytes, readable by root only).
 */
public final class ClusterKey {
    static final int MIN_BYTES = 16;
    private final byte[] secret;

    private ClusterKey(byte[] secret) {
        this.secret = secret;
    }

    public static ClusterKey of(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("a cluster key needs at least " + MIN_BYTES + " bytes, this one has "
                    + secret.length);
        }
        return new ClusterKey(secret.clone());
    }

    /** Reads a key file; the message of the exception says what is wrong with it, for people. */
    public static ClusterKey read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IOException("cannot read the cluster key " + file + ": " + e.getMessage(), e);
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the cluster key " + file + " is not one line of base64"
                    + " (lvs-syncd --generate-key FILE writes one)");
        }
        if (secret.length < MIN_BYTES) {
            throw new IOException("the cluster key " + file + " has " + secret.length + " bytes; it needs at least "
                    + MIN_BYTES + " (lvs-syncd --generate-key FILE writes 32)");
        }
        return new ClusterKey(secret);
    }

    /** A new random 32-byte key. */
    public static ClusterKey generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ClusterKey(secret);
    }

    /** Writes this key to {@code file}, readable and writable by its owner only; never overwrites. */
    public void write(Path file) throws IOException {
        Set<java.nio.file.attribute.PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(EnumSet.copyOf(ownerOnly))),
                Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
    }

    /** A 32-byte key for {@code purpose}, derived from the secret (HMAC-SHA256), so one file serves several uses. */
    public byte[] derive(String purpose) {
        return hmac(secret, purpose.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterKey[" + secret.length + " bytes]";
    }
}
