package vn.kyso.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;

import vn.kyso.errors.KysoException;
import vn.kyso.json.JwsAlgorithms;
import vn.kyso.json.JwsDocument;

/**
 * Verifies JWS and JAdES signatures (compact, flattened or general JSON) with the rules of a PDF signature after
 * JSON's own: header (alg allow-list, crit, sigT), validation data, signing certificate (x5c / x5t#S256), payload
 * (embedded, detached, sigD digest), signature value, signature time-stamp; then chain, validity at the best signing
 * time, path, revocation, key usage and algorithm strength — the same classes as for PDF. One
 * {@link SignatureReport} per signature. Never throws for a bad signature. Built with
 * {@link PdfSignatureVerifier.Builder#buildJwsVerifier()}.
 */
public final class JwsSignatureVerifier {

    private final VerifierSettings settings;
    private final ChainBuilder chains;
    private final TimestampVerifier timestamps;

    JwsSignatureVerifier(VerifierSettings settings) {
        this.settings = settings;
        this.chains = new ChainBuilder(settings.trustStore(), settings.http(), settings.online());
        this.timestamps = new TimestampVerifier(settings, chains);
    }

    /**
     * @param jws             the JWS in any serialization
     * @param detachedPayload the signed content when the JWS does not carry it, else null
     */
    public DocumentReport verify(byte[] jws, byte[] detachedPayload) {
        Instant now = settings.clock().instant();
        JwsDocument document;
        try {
            document = JwsDocument.parse(jws);
        } catch (KysoException e) {
            // the parser's codes (JWS_UNREADABLE, JSON_TOO_LARGE) exist here too, with the same meaning
            return DocumentReport.failed(now, VerifyError.valueOf(e.code()), detail(e));
        }
        for (JwsDocument.Signature signature : document.signatures()) {
            String alg = signature.header().path("alg").asText();
            if (alg.isEmpty() || !JwsAlgorithms.allowed().contains(JWSAlgorithm.parse(alg))) {
                // none, HMAC and unknown algorithms make the whole document unacceptable, whatever else it says
                return DocumentReport.failed(now, VerifyError.JWS_ALGORITHM_NOT_ALLOWED, alg);
            }
        }
        List<SignatureReport> reports = new ArrayList<>();
        for (int i = 0; i < document.signatures().size(); i++) {
            SignatureContext context = SignatureContext.forJws(settings, now, document.signatures().get(i),
                    document.payload(), detachedPayload);
            reports.add(verifyOne("JWS #" + (i + 1), context));
        }
        return DocumentReport.of(now, reports);
    }

    private List<SignatureCheck> checks() {
        List<SignatureCheck> checks = new ArrayList<>(List.of(
                new JwsHeaderCheck(),
                new JadesValidationDataCheck(),
                new JwsSigningCertificateCheck(),
                new JwsPayloadCheck(),
                new JwsSignatureValueCheck(),
                new JadesTimestampCheck(timestamps)));
        // a JWS always signs its protected header: no acceptance rule of its own like a CMS's signed attributes
        checks.addAll(PdfSignatureVerifier.certificateChecks(chains, List.of()));
        return checks;
    }

    private SignatureReport verifyOne(String name, SignatureContext context) {
        CheckRun run = CheckRun.of(context, checks());
        return run.detachedReport(name, context, FormatLevel.ofJws(context.jws, settings.trustStore().anchors(),
                settings.trustStore().knownIntermediates()));
    }

    /** The parser's detail: its English message after the fixed part ("…: detail"). */
    private static String detail(KysoException e) {
        String message = e.messageEn();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }
}
