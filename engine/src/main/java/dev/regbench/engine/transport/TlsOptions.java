package dev.regbench.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the transport trusts HTTPS servers: the JDK's default trust store, an extra CA file
 * (PEM, as the fake registry writes with {@code tls(true)}), or nothing at all
 * ({@code insecure}: every certificate and host name accepted; for loopback tests only).
 * Immutable.
 */
public record TlsOptions(Optional<Path> caFile, boolean insecure) {

    /** JDK defaults. */
    public static final TlsOptions DEFAULT = new TlsOptions(Optional.empty(), false);

    public TlsOptions {
        caFile = caFile == null ? Optional.empty() : caFile;
    }

    // equals and hashCode written out: a record's generated ones are linked through ObjectMethods'
    // method handles on first use, 21 ms of a cold `regbench replicate`'s CPU (async-profiler:
    // the transport compares its options with DEFAULT)
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsOptions t && t.insecure == insecure && t.caFile.equals(caFile);
    }

    @Override
    public int hashCode() {
        return 31 * caFile.hashCode() + Boolean.hashCode(insecure);
    }

    public static TlsOptions trusting(Path caPem) {
        return new TlsOptions(Optional.of(caPem), false);
    }

    public static TlsOptions insecureTrustAll() {
        return new TlsOptions(Optional.empty(), true);
    }

    /** The SSL context for these options. */
    public SSLContext sslContext() throws IOException {
        try {
            if (insecure) {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
                return ctx;
            }
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caFile.get())) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new IOException("no certificate found in CA file " + caFile.get());
            }
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS" + caFile.map(p -> " with CA file " + p).orElse("")
                    + ": " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate: {@code --insecure}. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
