package io.lvsj.keepalived.check.net;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client certificate SSL_GET presents, from keepalived's {@code SSL} block:
 * {@code certificate} (PEM, with its chain), {@code key} (PEM: PKCS#8, PKCS#8 encrypted with
 * {@code password}, or a PKCS#1 RSA key) — what OpenSSL's {@code SSL_CTX_use_certificate_chain_file}
 * and {@code SSL_CTX_use_PrivateKey_file} read. An SEC1 "EC PRIVATE KEY" is refused with the
 * command that converts it.
 */
public final class ClientCredentials {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
            Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "DSA");

    private ClientCredentials() {
    }

    /** The key managers for a certificate chain and key, or an error that says which file and why. */
    public static KeyManager[] load(Path certificate, Path key, Optional<String> password) throws IOException {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            List<? extends Certificate> chain;
            try (var in = Files.newInputStream(certificate)) {
                chain = List.copyOf(x509.generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new IOException(certificate + ": no certificate in the file");
            }
            PrivateKey privateKey = privateKey(key, Files.readString(key, StandardCharsets.US_ASCII), password);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] storePassword = new char[0];
            store.setKeyEntry("client", privateKey, storePassword, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, storePassword);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("SSL certificate " + certificate + " / key " + key + ": " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file, String pem, Optional<String> password)
            throws IOException, GeneralSecurityException {
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> {
                    return pkcs8(der);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password.isEmpty()) {
                        throw new IOException(file + ": the key is encrypted and the SSL block has no password");
                    }
                    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
                    SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
                    Cipher cipher = Cipher.getInstance(info.getAlgName());
                    cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.get().toCharArray())),
                            info.getAlgParameters());
                    return pkcs8(info.getKeySpec(cipher).getEncoded());
                }
                case "RSA PRIVATE KEY" -> {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs8(der)));
                }
                case "EC PRIVATE KEY" -> throw new IOException(file + ": an SEC1 EC key; convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in " + file + "'");
                default -> {
                    // certificates or parameters in the same file: keep looking for the key
                }
            }
        }
        throw new IOException(file + ": no private key in the file");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A PKCS#1 RSAPrivateKey wrapped as PKCS#8: SEQUENCE { 0, { rsaEncryption, NULL }, OCTET STRING key }. */
    static byte[] rsaPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] octets = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

}
