package vn.kyso.verify.report;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.kyso.errors.Language;
import vn.kyso.verify.CertificateType;
import vn.kyso.verify.ChangeKind;
import vn.kyso.verify.RevocationSource;
import vn.kyso.verify.RevocationStatus;
import vn.kyso.verify.SignatureLevel;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.TimeSource;

/**
 * The verifier's English details (written for logs) made fit to print: instants in Vietnam time and enum names the
 * checks paste into their messages ("(ONLINE_OCSP)", "PAGE_CONTENT_CHANGED (page 1)") replaced by words.
 */
final class Technical {

    private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\\b|\\b[A-Z]{4,}\\b");

    private Technical() {
    }

    static String clean(String detail, Language lang) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        Map<String, String> words = words(lang);
        Matcher m = CONSTANT.matcher(ReportTime.rewriteInstants(detail.strip()));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(words.getOrDefault(m.group(), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Readable text for every enum name a detail may carry, in the report's language. */
    private static Map<String, String> words(Language lang) {
        Map<String, String> words = new HashMap<>();
        for (RevocationSource source : RevocationSource.values()) {
            words.putIfAbsent(source.name(), ReportWording.source(source, lang));
        }
        for (ChangeKind kind : ChangeKind.values()) {
            words.putIfAbsent(kind.name(), kind.text(lang).toLowerCase(Locale.ROOT));
        }
        for (SignatureLevel level : SignatureLevel.values()) {
            words.putIfAbsent(level.name(), ReportWording.level(level, lang));
        }
        for (SubIndication sub : SubIndication.values()) {
            words.putIfAbsent(sub.name(), ReportWording.shortReason(sub, lang));
        }
        for (RevocationStatus status : RevocationStatus.values()) {
            words.putIfAbsent(status.name(), ReportWording.status(status, lang));
        }
        for (TimeSource source : TimeSource.values()) {
            words.putIfAbsent(source.name(), ReportWording.timeSource(source, lang));
        }
        for (CertificateType type : CertificateType.values()) {
            words.putIfAbsent(type.name(), ReportWording.certificateType(type, lang));
        }
        return words;
    }
}
