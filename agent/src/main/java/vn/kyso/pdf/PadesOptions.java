package vn.kyso.pdf;

import java.time.Instant;

import vn.kyso.token.SignatureAlgorithm;

/**
 * How to sign one PDF.
 *
 * @param level        the level to aim for
 * @param policy       what to do when the level cannot be reached
 * @param algorithm    null for the key's preferred algorithm
 * @param appearance   where/how the signature shows; {@link SignatureAppearance#INVISIBLE} for none
 * @param signingTime  the claimed time for /M; null for now
 * @param name         /Name (optional; the verifier takes the signer from the certificate anyway)
 * @param reason       /Reason (optional)
 * @param location     /Location (optional)
 * @param contactInfo  /ContactInfo (optional)
 * @param password     the PDF's password when it is encrypted, else null
 */
public record PadesOptions(PadesLevel level, LevelPolicy policy, SignatureAlgorithm algorithm,
                           SignatureAppearance appearance, Instant signingTime, String name, String reason,
                           String location, String contactInfo, String password) {

    public PadesOptions {
        if (level == null || policy == null || appearance == null) {
            throw new IllegalArgumentException("level, policy and appearance are required");
        }
    }

    /** B-LT, best effort, invisible, the key's preferred algorithm, signed now. */
    public static PadesOptions defaults() {
        return new PadesOptions(PadesLevel.B_LT, LevelPolicy.BEST_EFFORT, null, SignatureAppearance.INVISIBLE,
                null, null, null, null, null, null);
    }

    public PadesOptions withLevel(PadesLevel value) {
        return new PadesOptions(value, policy, algorithm, appearance, signingTime, name, reason, location,
                contactInfo, password);
    }

    public PadesOptions withPolicy(LevelPolicy value) {
        return new PadesOptions(level, value, algorithm, appearance, signingTime, name, reason, location,
                contactInfo, password);
    }

    public PadesOptions withAlgorithm(SignatureAlgorithm value) {
        return new PadesOptions(level, policy, value, appearance, signingTime, name, reason, location,
                contactInfo, password);
    }

    public PadesOptions withAppearance(SignatureAppearance value) {
        return new PadesOptions(level, policy, algorithm, value, signingTime, name, reason, location,
                contactInfo, password);
    }

    public PadesOptions withSigningTime(Instant value) {
        return new PadesOptions(level, policy, algorithm, appearance, value, name, reason, location,
                contactInfo, password);
    }

    public PadesOptions withDetails(String newName, String newReason, String newLocation, String newContactInfo) {
        return new PadesOptions(level, policy, algorithm, appearance, signingTime, newName, newReason, newLocation,
                newContactInfo, password);
    }

    public PadesOptions withPassword(String value) {
        return new PadesOptions(level, policy, algorithm, appearance, signingTime, name, reason, location,
                contactInfo, value);
    }
}
