package vn.kyso.verify;

import vn.kyso.testpki.TestPki;

/** Certified documents for tests outside this package: one DocMDP P=1 certification, and the same with a signature added. */
public final class CertifiedDocuments {

    private CertifiedDocuments() {
    }

    /** An's certification, "no changes permitted", at B-LTA (EU DSS, see {@link CertifiedLongTermTest}). */
    public static byte[] noChangesPermitted(TestPki pki) throws Exception {
        return CertifiedLongTermTest.certifiedLongTerm(pki);
    }

    /** {@code certified} with Bình's approval signature added after it: the certification no longer holds. */
    public static byte[] withApprovalAdded(TestPki pki, byte[] certified) throws Exception {
        var binh = pki.get(TestPki.PERSONAL_BINH);
        return TestPdfSigner.sign(certified, binh, TestPdfSigner.Options.of(binh, pki.urls().tsa()));
    }
}
