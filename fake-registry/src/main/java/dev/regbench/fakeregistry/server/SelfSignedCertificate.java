package dev.regbench.fakeregistry.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away CA and a server certificate it signed (for {@code 127.0.0.1} and
 * {@code localhost}), made at start with the JDK alone: EC P-256 keys and X.509 v3 certificates
 * encoded by hand in DER. Clients trust the CA by reading {@link #caPem()}. Immutable.
 */
public final class SelfSignedCertificate {
    private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
    private static final char[] NO_PASSWORD = "regbench".toCharArray();

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private SelfSignedCertificate(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
    }

    /** Makes a new CA and server certificate valid from a day ago for 30 days. */
    public static SelfSignedCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] caName = name("regbench fake registry CA");
            byte[] serverName = name("127.0.0.1");
            byte[] caExtensions = Der.sequence(
                    extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                    // keyCertSign, cRLSign, digitalSignature
                    extension("2.5.29.15", true, Der.bitString(1, (byte) 0x86)));
            byte[] serverExtensions = Der.sequence(
                    extension("2.5.29.19", true, Der.sequence()),
                    // digitalSignature
                    extension("2.5.29.15", true, Der.bitString(7, (byte) 0x80)),
                    // serverAuth
                    extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
                    extension("2.5.29.17", false, Der.sequence(
                            Der.implicit(7, new byte[] {127, 0, 0, 1}),
                            Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)))));
            X509Certificate ca = sign(caName, caName, caKeys.getPublic().getEncoded(), caExtensions, caKeys.getPrivate(),
                    now);
            X509Certificate server = sign(caName, serverName, serverKeys.getPublic().getEncoded(), serverExtensions,
                    caKeys.getPrivate(), now);
            server.verify(caKeys.getPublic());
            return new SelfSignedCertificate(ca, server, serverKeys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    private static X509Certificate sign(byte[] issuer, byte[] subject, byte[] subjectPublicKeyInfo, byte[] extensions,
                                        PrivateKey issuerKey, ZonedDateTime now) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                issuer,
                Der.sequence(Der.utcTime(now.minusDays(1)), Der.utcTime(now.plusDays(30))),
                subject,
                subjectPublicKeyInfo,
                Der.explicit(3, extensions));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(issuerKey);
        signature.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    /** The CA certificate clients should trust. */
    public X509Certificate ca() {
        return ca;
    }

    /** The server certificate (signed by {@link #ca()}). */
    public X509Certificate server() {
        return server;
    }

    /** The CA certificate in PEM. */
    public String caPem() {
        try {
            return pem(ca);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the CA PEM to a new temporary file (deleted on JVM exit) and returns it. */
    public Path writeCaPem() throws IOException {
        Path file = Files.createTempFile("regbench-ca-", ".pem");
        file.toFile().deleteOnExit();
        Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
        return file;
    }

    /** A server-side TLS context presenting the server certificate and the CA as its chain. */
    public SSLContext serverContext() {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", serverKey, NO_PASSWORD, new Certificate[] {server, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context: " + e.getMessage(), e);
        }
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
