package vn.kyso.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesServices;
import vn.kyso.pdf.PdfError;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.ValidationData;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;

/**
 * JWS (RFC 7515) and JAdES baseline (ETSI TS 119 182-1) signatures over a payload, with the key behind the
 * {@link SignerPort}: the token is asked exactly once. Stages as for PAdES: protected header (signed properties) →
 * signature value → signature time-stamp (B-T) → validation data (B-LT). A level that cannot be reached is an error
 * (nothing lower is returned in silence).
 */
public final class JsonSigner {

    /** ETSI TS 119 182-1 §5.2.8.3.3: the detached data named by URI and bound by its digest in the header. */
    public static final String SIG_D_OBJECT_ID_BY_URI_HASH = "http://uri.etsi.org/19182/ObjectIdByURIHash";

    private final PadesServices services;

    /** @param services TSA, OCSP and CRL clients; the TSA may be null (then B-B at most) */
    public JsonSigner(PadesServices services) {
        this.services = services;
    }

    public JwsSignature sign(byte[] payload, SignerPort signer, JsonSignOptions options) {
        StrictJson.requireSize(payload.length, StrictJson.MAX_DOCUMENT_BYTES);
        requireReachable(options);
        SignatureAlgorithm algorithm = chooseAlgorithm(signer, options.algorithm());
        boolean jades = options.profile() == JwsProfile.JADES;
        boolean sigD = jades && options.detached();
        Base64URL payloadB64 = Base64URL.encode(payload);
        JWSHeader header = header(signer, algorithm, options, sigD ? payloadB64 : null);
        // ObjectIdByURIHash: the payload contributes as empty to the signature; sigD's digest binds it instead.
        JWSObject jws = new JWSObject(header, new Payload(sigD ? new byte[0] : payload));
        try {
            jws.sign(new SignerPortJwsSigner(signer, algorithm));
        } catch (JOSEException e) {
            throw new IllegalStateException("JWS signing: " + e.getMessage(), e);
        }
        String signatureB64 = jws.getSignature().toString();
        String shownPayload = options.detached() ? "" : payloadB64.toString();
        if (options.serialization() == JwsSerialization.COMPACT) {
            String compact = jws.getHeader().toBase64URL() + "." + shownPayload + "." + signatureB64;
            return new JwsSignature(compact, options.profile(), options.level(), options.serialization(),
                    options.detached(), null);
        }
        ArrayNode etsiU = JsonNodeFactory.instance.arrayNode();
        TimeStamp stamp = null;
        if (options.level().atLeast(JadesLevel.B_T)) {
            stamp = signatureTimeStamp(signatureB64);
            etsiU.addObject().set("sigTst", tstContainer(stamp.encoded()));
        }
        if (options.level().atLeast(JadesLevel.B_LT)) {
            addValidationData(etsiU, signer.chain(), stamp);
        }
        ObjectNode flattened = JsonNodeFactory.instance.objectNode();
        if (!options.detached()) {
            flattened.put("payload", shownPayload);
        }
        flattened.put("protected", jws.getHeader().toBase64URL().toString());
        if (!etsiU.isEmpty()) {
            flattened.putObject("header").set("etsiU", etsiU);
        }
        flattened.put("signature", signatureB64);
        return new JwsSignature(flattened.toString(), options.profile(), options.level(), options.serialization(),
                options.detached(), stamp);
    }

    /**
     * Refuses, before anyone is asked to approve or type a PIN, a level this engine cannot reach with these options:
     * B-T and B-LT need the flattened serialization (compact has no unprotected header) and a TSA.
     */
    public void requireReachable(JsonSignOptions options) {
        if (options.level().atLeast(JadesLevel.B_T)) {
            if (options.serialization() == JwsSerialization.COMPACT) {
                throw new KysoException(JsonSignatureError.JWS_LEVEL_NEEDS_JSON_SERIALIZATION, options.level().label());
            }
            if (services == null || services.timeStamps() == null) {
                throw new KysoException(JsonSignatureError.JADES_TIMESTAMP_UNAVAILABLE, "no TSA configured");
            }
        }
    }

    private static SignatureAlgorithm chooseAlgorithm(SignerPort signer, SignatureAlgorithm requested) {
        SignatureAlgorithm algorithm;
        if (requested != null) {
            algorithm = requested;
        } else if ("EC".equals(signer.certificate().getPublicKey().getAlgorithm())) {
            algorithm = JwsAlgorithms.forEcKey(signer.certificate().getPublicKey());
        } else {
            algorithm = SignatureAlgorithm.RSA_PKCS1_SHA256;
        }
        boolean curveFits = algorithm.keyKind() != SignatureAlgorithm.KeyKind.EC
                || algorithm == JwsAlgorithms.forEcKey(signer.certificate().getPublicKey());
        if (!signer.algorithms().contains(algorithm) || !curveFits) {
            throw new KysoException(JsonSignatureError.JWS_ALGORITHM_NOT_OFFERED,
                    JwsAlgorithms.jwsAlgorithm(algorithm).getName());
        }
        return algorithm;
    }

    /**
     * The protected header: alg and x5c always; for JAdES also x5t#S256 (the signing certificate's binding), the
     * claimed signing time iat and, detached, sigD, which crit lists as processors must understand it.
     */
    private static JWSHeader header(SignerPort signer, SignatureAlgorithm algorithm, JsonSignOptions options,
                                    Base64URL detachedPayload) {
        List<Base64> chain = new ArrayList<>();
        for (X509Certificate certificate : signer.chain()) {
            chain.add(Base64.encode(der(certificate)));
        }
        JWSHeader.Builder builder = new JWSHeader.Builder(JwsAlgorithms.jwsAlgorithm(algorithm))
                .type(options.serialization() == JwsSerialization.COMPACT ? JOSEObjectType.JOSE
                        : JOSEObjectType.JOSE_JSON)
                .x509CertChain(chain);
        if (options.profile() == JwsProfile.JADES) {
            Instant time = (options.signingTime() != null ? options.signingTime() : Instant.now())
                    .truncatedTo(ChronoUnit.SECONDS);
            // TS 119 182-1 v1.2.1: since 2025-07-15 the claimed signing time is iat (seconds); sigT is obsolete.
            builder.x509CertSHA256Thumbprint(Base64URL.encode(sha256(der(signer.certificate()))))
                    .customParam("iat", time.getEpochSecond());
            if (detachedPayload != null) {
                String name = options.documentName() == null || options.documentName().isBlank() ? "payload.json"
                        : options.documentName();
                // hashV is over the base64url form of the data, as b64 is not false (TS 119 182-1 §5.2.8.3.3).
                byte[] digest = sha256(detachedPayload.toString().getBytes(StandardCharsets.US_ASCII));
                builder.customParam("sigD", Map.of("mId", SIG_D_OBJECT_ID_BY_URI_HASH, "pars", List.of(name),
                        "hashM", "S256", "hashV", List.of(Base64URL.encode(digest).toString())));
                // a verifier that does not understand sigD must not accept the signature (§5.1.9)
                builder.criticalParams(Set.of("sigD"));
            }
        }
        return builder.build();
    }

    /** TS 119 182-1 §5.3.4: the message imprint is over the base64url-encoded JWS Signature Value. */
    private TimeStamp signatureTimeStamp(String signatureB64) {
        try {
            return services.timeStamps().timestamp(DigestAlgorithm.SHA256,
                    sha256(signatureB64.getBytes(StandardCharsets.US_ASCII)));
        } catch (KysoException tsaProblem) {
            throw new KysoException(JsonSignatureError.JADES_TIMESTAMP_UNAVAILABLE, Map.of(), tsaProblem,
                    tsaProblem.messageEn());
        }
    }

    static ObjectNode tstContainer(byte[] token) {
        ObjectNode container = JsonNodeFactory.instance.objectNode();
        container.putArray("tstTokens").addObject().put("val", java.util.Base64.getEncoder().encodeToString(token));
        return container;
    }

    /** xVals and rVals: every certificate and OCSP/CRL for the signer's and the TSA's chains, fresh after the stamp. */
    private void addValidationData(ArrayNode etsiU, List<X509Certificate> chain, TimeStamp stamp) {
        List<X509Certificate> targets = new ArrayList<>(chain);
        targets.add(stamp.tsaCertificate());
        Set<X509Certificate> pool = new LinkedHashSet<>(targets);
        pool.addAll(services.knownCertificates());
        ValidationData data = new RevocationCollector(services.ocsp(), services.crl(),
                PdfError.REVOCATION_DATA_UNAVAILABLE)
                .collect(new LinkedHashSet<>(targets), pool, stamp.time());
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        ArrayNode xVals = etsiU.addObject().putArray("xVals");
        for (byte[] certificate : data.certificates()) {
            xVals.addObject().putObject("x509Cert").put("val", base64.encodeToString(certificate));
        }
        ObjectNode rVals = etsiU.addObject().putObject("rVals");
        if (!data.crls().isEmpty()) {
            ArrayNode crls = rVals.putArray("crlVals");
            data.crls().forEach(crl -> crls.addObject().put("val", base64.encodeToString(crl)));
        }
        if (!data.ocspResponses().isEmpty()) {
            ArrayNode ocsps = rVals.putArray("ocspVals");
            data.ocspResponses().forEach(ocsp -> ocsps.addObject().put("val", base64.encodeToString(ocsp)));
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
