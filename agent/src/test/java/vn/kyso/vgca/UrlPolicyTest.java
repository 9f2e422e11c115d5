package vn.kyso.vgca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;

class UrlPolicyTest {

    private static final Optional<String> PAGE = Optional.of("https://qlvb.ninhbinh.gov.vn");
    private final UrlPolicy policy = new UrlPolicy(List.of("https://files.ninhbinh.gov.vn:8443"));

    private static String refusal(Runnable check) {
        KysoException e = assertThrows(KysoException.class, check::run);
        assertEquals("URL_NOT_ALLOWED", e.code());
        return e.messageEn();
    }

    @Test
    void thePagesOwnOriginAndTheAllowListPassExactly() {
        assertEquals("/upload.ashx", policy.check("https://qlvb.ninhbinh.gov.vn/upload.ashx?id=1", PAGE).getPath());
        policy.check("HTTPS://QLVB.ninhbinh.gov.vn:443/files/a.pdf", PAGE);
        policy.check("https://files.ninhbinh.gov.vn:8443/kho/a.pdf", PAGE);
        for (String other : List.of("http://qlvb.ninhbinh.gov.vn/a.pdf", "https://qlvb.ninhbinh.gov.vn:8443/a.pdf",
                "https://qlvb.ninhbinh.gov.vn.evil.example/a.pdf", "https://evil-qlvb.ninhbinh.gov.vn/a.pdf",
                "https://files.ninhbinh.gov.vn/kho/a.pdf")) {
            refusal(() -> policy.check(other, PAGE));
        }
    }

    @Test
    void schemesUserInfoAndRelativeUrlsAreRefused() {
        assertTrue(refusal(() -> policy.check("file:///etc/passwd", PAGE)).contains("http"));
        assertTrue(refusal(() -> policy.check("https://an:secret@qlvb.ninhbinh.gov.vn/a.pdf", PAGE))
                .contains("passwords"));
        assertFalse(refusal(() -> policy.check("https://an:secret@qlvb.ninhbinh.gov.vn/a.pdf", PAGE))
                .contains("secret"), "credentials in a URL never reach a message");
        refusal(() -> policy.check("/files/a.pdf", PAGE));
        refusal(() -> policy.check("", PAGE));
        refusal(() -> policy.check("https://qlvb.ninhbinh.gov.vn\\@evil.example/a.pdf", PAGE));
    }

    @Test
    void aLocalProgramGetsTheAllowListOnly() {
        policy.check("https://files.ninhbinh.gov.vn:8443/a.pdf", Optional.empty());
        refusal(() -> policy.check("https://qlvb.ninhbinh.gov.vn/a.pdf", Optional.empty()));
    }

    @Test
    void redirectsStayOnTheirOrigin() {
        URI from = URI.create("https://qlvb.ninhbinh.gov.vn/files/a.pdf");
        assertEquals(URI.create("https://qlvb.ninhbinh.gov.vn/kho/a.pdf"), UrlPolicy.checkRedirect(from, "/kho/a.pdf"));
        assertTrue(refusal(() -> UrlPolicy.checkRedirect(from, "https://files.ninhbinh.gov.vn:8443/a.pdf"))
                .contains("redirect"));
        refusal(() -> UrlPolicy.checkRedirect(from, "http://qlvb.ninhbinh.gov.vn/files/a.pdf"));
        refusal(() -> UrlPolicy.checkRedirect(from, "file:///etc/passwd"));
    }

    @Test
    void queryStringsStayOutOfMessages() {
        String message = refusal(() -> policy.check("https://evil.example/a.pdf?token=SECRET123", PAGE));
        assertFalse(message.contains("SECRET123"), message);
    }

    @Test
    void multipartNamesTheFilePartUploadfileAndCannotBeBrokenByTheName() {
        String body = new String(DocumentTransfer.multipart("B", new DocumentTransfer.Upload("a\"\r\nX: y.pdf",
                "%PDF".getBytes(), new java.util.LinkedHashMap<>(java.util.Map.of("SessionId", "s1")))),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(body.startsWith("--B\r\nContent-Disposition: form-data; name=\"uploadfile\"; filename=\"a___X: y.pdf\""),
                body);
        assertTrue(body.contains("name=\"SessionId\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\ns1\r\n"));
        assertTrue(body.endsWith("--B--\r\n"));
    }
}
