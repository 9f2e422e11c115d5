package vn.kyso.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cms.CMSSignedData;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStamp;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Signs PDFs as PAdES baseline signatures (ETSI EN 319 142-1) with incremental updates, so the input bytes stay an
 * exact prefix of the output and earlier signatures stay valid. One pipeline of stages, the same for a document in
 * memory, a file, and two-step signing ({@link RemotePadesSigner}):
 * <ol>
 *   <li>{@link PrepareStage}: the field, its appearance and the signature dictionary, /Contents reserved;
 *   <li>{@link SignStage}: the CMS over the signer port (or the caller's), its signature time-stamp (B-T), written;
 *   <li>{@link EvidenceStage}: for B-LT, a /DSS revision with the certificates and OCSP/CRL of the signer's and the
 *       TSA's chains;
 *   <li>{@link ArchiveStage}: for B-LTA, a document time-stamp revision, then a /DSS revision for its TSA chain.
 * </ol>
 * Each stage appends to one {@link PdfOutput}; which writer writes a revision (Kyso's, or PDFBox's for encrypted
 * documents) is decided once, in {@link Revisions}.
 */
public final class PadesSigner {

    private final PadesServices services;
    private final SignStage signStage;
    private final EvidenceStage evidenceStage;
    private final ArchiveStage archiveStage;

    public PadesSigner(PadesServices services) {
        this.services = services;
        this.signStage = new SignStage(services.timeStamps());
        this.evidenceStage = new EvidenceStage(services);
        this.archiveStage = new ArchiveStage(services.timeStamps(), evidenceStage);
    }

    /** The TSA and revocation clients this engine uses (shared with two-step and CAdES signing). */
    public PadesServices services() {
        return services;
    }

    /**
     * Signs {@code input} into {@code output}, file to file: the input is copied, the document is parsed lazily from
     * the copy and only the new revisions are appended, so memory does not grow with the file's size beyond what
     * PDFBox needs to parse it. The result is written next to {@code output} and moved into place at the end;
     * {@code input} is never written, and nothing is left behind on failure.
     *
     * @return the level reached and the warnings; its {@link SignResult#document()} is null (the document is in
     *     {@code output})
     */
    public SignResult sign(Path input, Path output, SignerPort signer, PadesOptions options) throws IOException {
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("output must not be the input file: " + output);
        }
        Path work = PdfOutput.scratchFor(output);
        boolean published = false;
        try {
            Files.copy(input, work, StandardCopyOption.REPLACE_EXISTING);
            LevelRun run = new LevelRun(options, List.of());
            PadesLevel level = sign(PdfOutput.file(work), signer, run);
            PdfOutput.publish(work, output);
            published = true;
            return new SignResult(null, level, run.warnings());
        } finally {
            if (!published) {
                Files.deleteIfExists(work);
            }
        }
    }

    /** Signs a PDF held in memory; {@code pdf} is not modified. */
    public SignResult sign(byte[] pdf, SignerPort signer, PadesOptions options) {
        PdfOutput.Memory out = PdfOutput.memory(pdf.clone());
        LevelRun run = new LevelRun(options, List.of());
        PadesLevel level = sign(out, signer, run);
        return new SignResult(out.bytes(), level, run.warnings());
    }

    private PadesLevel sign(PdfOutput out, SignerPort signer, LevelRun run) {
        PadesOptions options = run.options();
        SignatureAlgorithm algorithm = options.algorithm() != null ? options.algorithm() : signer.algorithms().get(0);
        boolean wantsTimeStamp = signStage.timeStampWanted(run);
        try {
            SignatureGap gap = PrepareStage.signature(out, options,
                    SignStage.reservedSize(signer.chain(), wantsTimeStamp), algorithm.digest());
            CMSSignedData cms = SignStage.sign(signer, algorithm, gap);
            return complete(out, gap, cms, signer.chain(), wantsTimeStamp, run);
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /**
     * Stage one alone, for two-step signing: the signature revision of {@code out}, the digest to sign and the
     * document's page count.
     */
    PrepareStage.Placed prepare(PdfOutput out, PadesOptions options, int reserved, SignatureAlgorithm algorithm) {
        try {
            return PrepareStage.placed(out, options, reserved, algorithm.digest());
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /** Whether the signature will be time-stamped; see {@link SignStage#timeStampWanted}. */
    boolean timeStampWanted(LevelRun run) {
        return signStage.timeStampWanted(run);
    }

    /**
     * Everything after the key has signed, shared by one-step and two-step signing — the level ladder, once: the
     * signature time-stamp (B-T) and the CMS into /Contents, then B-LT's /DSS and B-LTA's document time-stamp.
     *
     * @param chain the signer's chain (leaf first), whose revocation evidence B-LT embeds
     * @return the level reached
     */
    PadesLevel complete(PdfOutput out, SignatureGap gap, CMSSignedData cms, List<X509Certificate> chain,
                        boolean wantsTimeStamp, LevelRun run) {
        return raise(out, gap, chain, stamp(out, gap, cms, wantsTimeStamp, run), run, null);
    }

    /** The first rung: the signature time-stamp when wanted and the CMS written; null when there is no time-stamp. */
    TimeStamp stamp(PdfOutput out, SignatureGap gap, CMSSignedData cms, boolean wantsTimeStamp, LevelRun run) {
        try {
            return signStage.write(out, gap, cms, wantsTimeStamp, run);
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /**
     * The rungs above B-T for a signature written with its time-stamp: the /DSS (B-LT) and the document time-stamp
     * (B-LTA).
     *
     * @param shared evidence already collected for several signatures after all their time-stamps, or null to collect
     *               it here for this one
     */
    PadesLevel raise(PdfOutput out, SignatureGap gap, List<X509Certificate> chain, TimeStamp stamp, LevelRun run,
                     BatchEvidence shared) {
        if (stamp == null) {
            return PadesLevel.B_B;
        }
        if (!run.wants(PadesLevel.B_LT)) {
            return PadesLevel.B_T;
        }
        try {
            List<X509Certificate> targets = evidenceTargets(chain, stamp);
            EvidenceStage.Collected evidence = shared == null ? null : shared.forTargets(targets);
            if (evidence == null) {
                evidence = evidenceStage.collect(targets, stamp.time());
            }
            if (!evidenceStage.write(out, evidence, gap.contents(out), run)) {
                return PadesLevel.B_T;
            }
            if (!run.wants(PadesLevel.B_LTA)) {
                return PadesLevel.B_LT;
            }
            return archiveStage.add(out, run) ? PadesLevel.B_LTA : PadesLevel.B_LT;
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /** The certificates B-LT covers: the signer's chain and the certificates of its time-stamp's TSA. */
    static List<X509Certificate> evidenceTargets(List<X509Certificate> chain, TimeStamp stamp) {
        List<X509Certificate> targets = new ArrayList<>(chain);
        targets.addAll(EvidenceStage.certificatesOf(stamp.token()));
        return targets;
    }

    /** The evidence stage, for collecting once what several signatures share ({@link BatchEvidence}). */
    EvidenceStage evidenceStage() {
        return evidenceStage;
    }

    private static KysoException writeFailed(IOException e) {
        return new KysoException(PdfError.PDF_WRITE_FAILED, Map.of(), e, String.valueOf(e.getMessage()));
    }
}
