package vn.kyso.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import vn.kyso.token.CertificateEntry;
import vn.kyso.token.DriverReport;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.usecase.CertificateStatuses;
import vn.kyso.usecase.CertificateStatuses.Revocation;
import vn.kyso.verify.CertificateType;

/** The token inventory as plain data, the same for `kyso tokens --json` and the agent's `tokens.list`. */
public final class TokenInventoryView {

    private TokenInventoryView() {
    }

    /** Without revocation checking: every certificate's revocation status reads "unknown". */
    public static Map<String, Object> of(TokenManager manager) {
        return of(manager, c -> CertificateStatuses.Status.notChecked("not checked"));
    }

    /** With the revocation status {@code statuses} knows now (it never waits for the network). */
    public static Map<String, Object> of(TokenManager manager, CertificateStatuses statuses) {
        return of(manager, statuses::status);
    }

    public static Map<String, Object> of(TokenManager manager,
                                         Function<CertificateEntry, CertificateStatuses.Status> revocation) {
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
                    certs.add(certificate(c, revocation.apply(c)));
                }
            }
            m.put("certificates", certs);
            tokens.add(m);
        }
        root.put("tokens", tokens);
        return root;
    }

    public static Map<String, Object> certificate(CertificateEntry c, CertificateStatuses.Status revocation) {
        Instant now = Instant.now();
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
        boolean revoked = revocation.revocation() == Revocation.REVOKED;
        // marked before the person picks: valid, expired, notYetValid or revoked now
        m.put("status", revoked ? "revoked" : switch (c.validity(now)) {
            case VALID -> "valid";
            case EXPIRED -> "expired";
            case NOT_YET_VALID -> "notYetValid";
        });
        // OCSP then CRL, checked in the background; "unknown" until answered, and while OCSP/CRL cannot be reached
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", revocation.code());
        r.put("source", revocation.source());
        r.put("checkedAt", revocation.checkedAt() == null ? null : revocation.checkedAt().toString());
        r.put("reason", revocation.reason());
        m.put("revocation", r);
        m.put("signable", c.offeredForSigning(now) && !revoked);
        return m;
    }
}
