package vn.kyso.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.verify.CertificateType;

/** The token inventory as plain data, the same for `kyso tokens --json` and the agent's `tokens.list`. */
public final class TokenInventoryView {

    private TokenInventoryView() {
    }

    public static Map<String, Object> of(TokenManager manager) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> drivers = new ArrayList<>();
        for (DriverReport d : manager.drivers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", d.path().toString());
            m.put("loaded", d.loaded());
            m.put("state", d.state().name());
            m.put("description", d.description());
            m.put("reason", d.reason());
            drivers.add(m);
        }
        root.put("drivers", drivers);
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (TokenInfo t : manager.tokens()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("label", t.label());
            m.put("manufacturer", t.manufacturer());
            m.put("model", t.model());
            m.put("serial", t.serial());
            m.put("driver", t.driver().toString());
            m.put("flags", t.flags());
            List<Map<String, Object>> certs = new ArrayList<>();
            for (CertificateEntry c : manager.certificates()) {
                if (c.tokenId().equals(t.id())) {
                    certs.add(certificate(c));
                }
            }
            m.put("certificates", certs);
            tokens.add(m);
        }
        root.put("tokens", tokens);
        return root;
    }

    public static Map<String, Object> certificate(CertificateEntry c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("label", c.label());
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("serialNumber", c.serialNumber());
        m.put("notBefore", c.notBefore().toString());
        m.put("notAfter", c.notAfter().toString());
        m.put("keyAlgorithm", c.keyAlgorithm());
        m.put("keyBits", c.keyBits());
        m.put("keyUsage", c.keyUsage());
        m.put("algorithms", c.algorithms());
        m.put("ckaId", c.ckaId());
        m.put("privateKey", c.privateKey());
        // which workflows the certificate serves: an official's own signature, the agency's seal, or none (a CA's)
        m.put("usage", c.ca() ? "ca" : CertificateType.of(c.certificate()) == CertificateType.ORGANISATION
                ? "organisation" : "personal");
        m.put("ca", c.ca());
        // marked before the person picks: valid, expired or notYetValid now
        m.put("status", switch (c.validity(Instant.now())) {
            case VALID -> "valid";
            case EXPIRED -> "expired";
            case NOT_YET_VALID -> "notYetValid";
        });
        m.put("signable", c.offeredForSigning(Instant.now()));
        return m;
    }
}
