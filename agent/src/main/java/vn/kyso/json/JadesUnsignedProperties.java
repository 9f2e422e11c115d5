package vn.kyso.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.errors.KysoException;

/**
 * What a JAdES signature's unprotected etsiU header carries (TS 119 182-1 §5.3): signature time-stamps (sigTst),
 * archive time-stamps (arcTst) and validation data (xVals/axVals, rVals/arVals, and tstVD for the time-stamps').
 * etsiU is an array of one-member objects, either as JSON or each base64url-encoded (§5.3.1); both are read. Unknown
 * members are left alone: they are unsigned and cannot change what was signed.
 *
 * @param signatureTimeStamps DER RFC 3161 tokens from sigTst, in order
 * @param certificates        DER certificates from xVals, axVals and tstVD
 * @param ocspResponses       DER OCSPResponse from rVals/arVals/tstVD ocspVals
 * @param crls                DER CRLs from rVals/arVals/tstVD crlVals
 * @param archiveTimeStamps   DER RFC 3161 tokens from arcTst (what makes a B-LTA), in order
 */
public record JadesUnsignedProperties(List<byte[]> signatureTimeStamps, List<byte[]> certificates,
                                      List<byte[]> ocspResponses, List<byte[]> crls, List<byte[]> archiveTimeStamps) {

    /** More entries than validation data for a long chain needs are refused rather than decoded. */
    public static final int MAX_ENTRIES = 256;

    public static JadesUnsignedProperties none() {
        return new JadesUnsignedProperties(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** @throws KysoException JWS_UNREADABLE when etsiU is present but malformed */
    public static JadesUnsignedProperties read(ObjectNode unprotected) {
        JsonNode etsiU = unprotected == null ? null : unprotected.get("etsiU");
        if (etsiU == null) {
            return none();
        }
        if (!etsiU.isArray() || etsiU.size() > MAX_ENTRIES) {
            throw unreadable("etsiU must be an array of at most " + MAX_ENTRIES + " components");
        }
        List<byte[]> stamps = new ArrayList<>();
        List<byte[]> certificates = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        List<byte[]> archives = new ArrayList<>();
        for (JsonNode element : etsiU) {
            JsonNode component = element;
            if (element.isTextual()) {
                byte[] json;
                try {
                    json = Base64.getUrlDecoder().decode(element.textValue());
                } catch (IllegalArgumentException e) {
                    throw unreadable("etsiU component is not base64url");
                }
                component = StrictJson.parse(json, StrictJson.MAX_DOCUMENT_BYTES, JsonSignatureError.JWS_UNREADABLE);
            }
            if (!component.isObject() || component.size() != 1) {
                throw unreadable("an etsiU component is an object with exactly one member");
            }
            Map.Entry<String, JsonNode> member = component.fields().next();
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "sigTst" -> stamps.addAll(values(value.get("tstTokens"), null));
                case "arcTst" -> archives.addAll(values(value.get("tstTokens"), null));
                case "xVals", "axVals" -> certificates.addAll(values(value, "x509Cert"));
                case "rVals", "arVals" -> {
                    ocsps.addAll(values(value.get("ocspVals"), null));
                    crls.addAll(values(value.get("crlVals"), null));
                }
                case "tstVD" -> {
                    // the time-stamping units' validation data (§5.3.5.4), where EU DSS writes it
                    certificates.addAll(values(value.get("xVals"), "x509Cert"));
                    JsonNode rVals = value.get("rVals");
                    if (rVals != null) {
                        ocsps.addAll(values(rVals.get("ocspVals"), null));
                        crls.addAll(values(rVals.get("crlVals"), null));
                    }
                }
                default -> {
                    // other unsigned properties (references, counter-signatures) are not used for the level or the verdict
                }
            }
        }
        return new JadesUnsignedProperties(stamps, certificates, ocsps, crls, archives);
    }

    /** The DER of each {"val": base64} in an array, optionally wrapped as {wrapper: {"val": …}}. */
    private static List<byte[]> values(JsonNode array, String wrapper) {
        List<byte[]> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        if (!array.isArray() || array.size() > MAX_ENTRIES) {
            throw unreadable("a validation data list is not an array of at most " + MAX_ENTRIES);
        }
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode entry = it.next();
            JsonNode pkiOb = wrapper == null ? entry : entry.get(wrapper);
            JsonNode val = pkiOb == null ? null : pkiOb.get("val");
            if (val == null || !val.isTextual()) {
                // otherCert and other encodings are not X.509 DER we could use
                continue;
            }
            try {
                out.add(Base64.getDecoder().decode(val.textValue().getBytes(StandardCharsets.US_ASCII)));
            } catch (IllegalArgumentException e) {
                throw unreadable("a val is not base64");
            }
        }
        return out;
    }

    private static KysoException unreadable(String detail) {
        return new KysoException(JsonSignatureError.JWS_UNREADABLE, detail);
    }
}
