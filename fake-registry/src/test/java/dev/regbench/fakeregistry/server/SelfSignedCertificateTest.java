package dev.regbench.fakeregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-made certificates are what TLS clients (Java, Go) expect. */
class SelfSignedCertificateTest {

    @Test
    void serverCertificate_isSignedByTheCa_forLoopback() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        X509Certificate ca = certificate.ca();
        X509Certificate server = certificate.server();
        ca.verify(ca.getPublicKey());
        server.verify(ca.getPublicKey());
        server.checkValidity();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        List<String> names = server.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void caPem_parsesBackToTheCa() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate();
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certificate.caPem().getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed).isEqualTo(certificate.ca());
        assertThat(List.of(certificate.caPem().split("\n"))).allMatch(line -> line.length() <= 64);
    }
}
