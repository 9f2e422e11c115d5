package vn.kyso.xml;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.apache.xml.security.Init;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.BouncyCastle;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Makes XMLDSig and XAdES baseline signatures with Apache Santuario over the {@link SignerPort}: Santuario builds
 * the references, computes their digests and canonicalizes SignedInfo; only SHA-x of that canonical SignedInfo goes
 * to the token, which is asked exactly once. XAdES qualifying properties are built here as elements (Santuario has
 * no XAdES), and levels above B-B are added by {@link XadesEvidence}.
 */
public final class XmlSigner {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The e-invoice's SigningTime is Vietnamese wall-clock time without an offset, as the Tax Department writes it. */
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private final TimeStampClient timeStamps;
    private final RevocationCollector revocation;
    private final List<X509Certificate> knownCertificates;
    private final XmlLimits limits;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param timeStamps        the configured TSA, or null (then XMLDSig and XAdES B-B only)
     * @param revocation        OCSP/CRL for B-LT and B-LTA, or null (then B-T at most)
     * @param knownCertificates CA certificates to complete chains with (trust anchors, intermediates)
     */
    public XmlSigner(TimeStampClient timeStamps, RevocationCollector revocation,
                     List<X509Certificate> knownCertificates, XmlLimits limits) {
        this.timeStamps = timeStamps;
        this.revocation = revocation;
        this.knownCertificates = List.copyOf(knownCertificates);
        this.limits = limits;
    }

    /** What {@link #sign} would cover, for the consent dialog: nothing is signed and the token is not asked. */
    public Preview preview(byte[] input, XmlSignOptions options) {
        // Santuario's one-time set-up (algorithm, transform and resolver tables) at the first XML signature, not when
        // a page's first call, often for a PDF, builds the use cases; idempotent and cheap once done
        Init.init();
        SignatureTarget target = SignatureTarget.locate(input, options, limits);
        SignedNode node = target.signedNode() != null ? target.signedNode()
                : new SignedNode("#…", "/ds:Signature/ds:Object[1]/" + target.content().getTagName(), null);
        return new Preview(node, target.invoice());
    }

    /** @param signedNode what the data reference will cover; @param invoice the e-invoice's summary or null */
    public record Preview(SignedNode signedNode, EInvoice.Summary invoice) {
    }

    /**
     * @throws KysoException the XML reading codes (XML_TOO_LARGE, XML_DTD_FORBIDDEN …), XML_ID_NOT_FOUND,
     *                       XML_DUPLICATE_ID, XML_XPATH_INVALID, XML_ALGORITHM_NOT_OFFERED, XML_TIMESTAMP_UNAVAILABLE,
     *                       XML_REVOCATION_UNAVAILABLE, and the token layer's codes
     */
    public XmlSignResult sign(byte[] input, SignerPort signer, XmlSignOptions options) {
        Init.init(); // as in preview
        boolean xades = options.format() == XmlSignatureFormat.XADES;
        XadesLevel level = xades ? options.level() : null;
        if (xades && level != XadesLevel.B_B && timeStamps == null) {
            throw new KysoException(XmlError.XML_TIMESTAMP_UNAVAILABLE, level, "no TSA configured");
        }
        if (xades && (level == XadesLevel.B_LT || level == XadesLevel.B_LTA) && revocation == null) {
            throw new KysoException(XmlError.XML_REVOCATION_UNAVAILABLE, "*", "no OCSP/CRL client configured");
        }
        SignatureAlgorithm algorithm = XmlAlgorithms.choose(signer, options.algorithm());
        Instant signingTime = (options.signingTime() != null ? options.signingTime() : Instant.now())
                .truncatedTo(ChronoUnit.SECONDS);
        SignatureTarget target = SignatureTarget.locate(input, options, limits);
        String c14n = options.canonicalization().uri();
        String digestUri = XmlAlgorithms.digestUri(algorithm.digest());
        try {
            // Santuario reaches RSA-PSS (SHA256withRSAandMGF1 …) through BouncyCastle; JDK 17 has no such names.
            XMLSignature signature = new XMLSignature(target.document(), "", XmlAlgorithms.signatureUri(algorithm),
                    0, c14n, BouncyCastle.provider(), null);
            Element element = signature.getElement();
            if (target.parent() != null) {
                target.parent().appendChild(element);
            } else {
                target.document().appendChild(element);
            }
            XmlIds ids = target.ids();
            SignedNode signedNode = target.signedNode();
            Element enveloped = null;
            String referenceUri = target.referenceUri();
            if (target.content() != null) {
                ObjectContainer object = new ObjectContainer(target.document());
                object.getElement().appendChild(target.content());
                signature.appendObject(object);
                ids = XmlIds.index(target.document());
                String objectId = ids.fresh("object-" + shortId(), object.getElement());
                referenceUri = "#" + objectId;
                enveloped = object.getElement();
            } else if (ids == null) {
                ids = XmlIds.index(target.document());
            }
            String signatureId = ids.fresh("sig-" + shortId(), element);
            String dataReferenceId = xades ? ids.fresh("ref-" + signatureId, null) : null;

            Transforms transforms = null;
            if (target.detached() == null) {
                transforms = new Transforms(target.document());
                if (options.packaging() == XmlPackaging.ENVELOPED) {
                    transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
                }
                transforms.addTransform(c14n);
            } else {
                signature.addResourceResolver(new DetachedResolver(referenceUri, target.detached()));
            }
            signature.addDocument(referenceUri, transforms, digestUri, dataReferenceId, null);

            X509Data certificates = new X509Data(target.document());
            for (X509Certificate certificate : signer.chain()) {
                if (certificate.equals(signer.certificate()) || !RevocationCollector.isSelfSigned(certificate)) {
                    certificates.addCertificate(certificate);
                }
            }
            signature.getKeyInfo().add(certificates);

            if (xades) {
                Element signedProperties = XadesProperties.build(signature, ids, signatureId, signer.certificate(),
                        signingTime, dataReferenceId, mimeType(options, target));
                Transforms propertiesTransforms = new Transforms(target.document());
                propertiesTransforms.addTransform(c14n);
                signature.addDocument("#" + signedProperties.getAttribute("Id"), propertiesTransforms, digestUri,
                        null, XmlNames.SIGNED_PROPERTIES_TYPE);
            } else {
                String propertiesId = signingTimeObject(signature, ids, signatureId, signingTime);
                Transforms propertiesTransforms = new Transforms(target.document());
                propertiesTransforms.addTransform(c14n);
                signature.addDocument("#" + propertiesId, propertiesTransforms, digestUri, null,
                        XmlNames.SIGNATURE_PROPERTIES_TYPE);
            }

            signature.getSignedInfo().generateDigestValues();
            ByteArrayOutputStream signedInfo = new ByteArrayOutputStream();
            signature.getSignedInfo().signInOctetStream(signedInfo);
            byte[] value = signer.sign(XmlAlgorithms.digest(algorithm.digest(), signedInfo.toByteArray()), algorithm);
            Element signatureValue = XmlNames.child(element, XmlNames.DS, "SignatureValue");
            signatureValue.setTextContent(Base64.getEncoder().encodeToString(
                    XmlAlgorithms.toXmlDsig(value, algorithm, signer.certificate().getPublicKey())));

            TimeStamp stamp = null;
            if (xades && level != XadesLevel.B_B) {
                ids.fresh("value-" + signatureId, signatureValue);
                stamp = new XadesEvidence(timeStamps, revocation, knownCertificates)
                        .extend(signature, ids, signatureId, level, signer.chain());
            }
            if (enveloped != null) {
                // the data ds:Object's path, known once every Object is in place
                signedNode = new SignedNode(referenceUri, XmlPaths.of(enveloped), referenceUri.substring(1));
            }
            return new XmlSignResult(SafeXml.serialize(target.document()), signatureId, options.format(), level,
                    List.of(signedNode), target.invoice(), stamp);
        } catch (XMLSecurityException e) {
            throw new KysoException(XmlError.XML_SIGNING_FAILED, java.util.Map.of(), e, e.getMessage());
        }
    }

    /**
     * The e-invoice's {@code Object/SignatureProperties/SignatureProperty/SigningTime}, signed by its own Reference
     * so that the claimed time cannot be changed. Returns the Object's Id.
     */
    private static String signingTimeObject(XMLSignature signature, XmlIds ids, String signatureId, Instant time)
            throws XMLSecurityException {
        ObjectContainer object = new ObjectContainer(signature.getDocument());
        signature.appendObject(object);
        String id = ids.fresh("SigningTime", object.getElement());
        Element properties = XmlNames.ds(object.getElement(), "SignatureProperties");
        Element property = XmlNames.ds(properties, "SignatureProperty");
        property.setAttributeNS(null, "Target", "#" + signatureId);
        XmlNames.text(XmlNames.ds(property, "SigningTime"), LOCAL_TIME.format(LocalDateTime.ofInstant(time, VIETNAM)));
        return id;
    }

    private static String mimeType(XmlSignOptions options, SignatureTarget target) {
        if (target.detached() != null) {
            return options.mimeType() != null ? options.mimeType() : "application/octet-stream";
        }
        return "text/xml";
    }

    private String shortId() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
