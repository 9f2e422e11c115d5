package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TimeStampClient;

/** What the stage tests share: an encrypted sample, a TSA nobody answers at, the digest of two byte ranges. */
final class StageFixture {

    static final String USER_PASSWORD = "nguoi-dung";

    private StageFixture() {
    }

    /** The sample PDF encrypted (AES-128) with every permission granted to the user password. */
    static byte[] encryptedSample() throws IOException {
        try (PDDocument document = Loader.loadPDF(PadesFixture.samplePdf())) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("chu-so-huu", USER_PASSWORD,
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The test PKI's services with a TSA on a port nothing listens on (port 1 is refused at once). */
    static PadesServices withoutReachableTsa() {
        HttpFetcher http = HttpFetcher.withDefaults();
        PadesServices real = PadesFixture.services();
        return new PadesServices(new TimeStampClient(http, URI.create("http://127.0.0.1:1/tsa")),
                new OcspClient(http), new CrlClient(http), real.knownCertificates());
    }

    /** SHA-256 of {@code [0, r1)} and {@code [r2, r2 + r3)}, computed here rather than by the code under test. */
    static byte[] sha256OfRanges(byte[] document, long[] r) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(document, 0, (int) r[1]);
        md.update(document, (int) r[2], (int) r[3]);
        return md.digest();
    }

    static LevelRun run(PadesLevel level, LevelPolicy policy) {
        return new LevelRun(PadesOptions.defaults().withLevel(level).withPolicy(policy), List.of());
    }
}
