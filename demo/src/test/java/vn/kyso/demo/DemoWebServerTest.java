package vn.kyso.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pdf.appearance.AnchorFinder;
import vn.kyso.testpki.SoftHsmFixture;

/** The demo document system's server and its sample drafts, without a browser. */
class DemoWebServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void draftsCarryTheAnchorsTheApproveAndIssuePresetsLookFor() throws Exception {
        for (SampleDocuments.Draft draft : SampleDocuments.DRAFTS) {
            try (PDDocument pdf = Loader.loadPDF(SampleDocuments.pdf(draft))) {
                assertEquals(1, pdf.getNumberOfPages());
                for (String anchor : new String[] {draft.titleLine(), draft.nameLine(), SampleDocuments.NUMBER_LABEL,
                        SampleDocuments.DATE_LABEL}) {
                    assertNotNull(AnchorFinder.first(pdf, 0, anchor), draft.id() + " lacks " + anchor);
                }
            }
        }
    }

    @Test
    void documentsMoveFromDraftToApprovedToIssuedToCopiesAndRefuseShortcuts() throws Exception {
        SampleDocuments.writeAll(work);
        try (DemoWebServer server = DemoWebServer.start(0, DemoWebServer.WebRoots.of(Path.of("..")),
                "http://127.0.0.1:1", work)) {
            String base = "http://127.0.0.1:" + server.port();
            String id = SampleDocuments.DRAFTS.get(0).id();
            byte[] draft = Files.readAllBytes(work.resolve(id + ".pdf"));
            assertEquals(200, get(base + "/api/documents/" + id + "/pdf").statusCode());
            assertEquals("DRAFT", status(base, id));

            assertEquals(400, post(base + "/api/documents/" + id + "/issued?number=1%2FQ%C4%90&date=2026-11-27", draft)
                    .statusCode(), "a draft cannot be issued before it is approved");
            assertEquals(400, post(base + "/api/documents/" + id + "/approved", "not a pdf".getBytes()).statusCode());
            assertEquals(200, post(base + "/api/documents/" + id + "/approved", draft).statusCode());
            assertEquals("APPROVED", status(base, id));
            assertEquals(400, post(base + "/api/documents/" + id + "/issued", draft).statusCode(), "number and date");
            assertEquals(200, post(base + "/api/documents/" + id + "/issued?number=15%2FQ%C4%90-SKHCN&date=2026-11-27",
                    draft).statusCode());
            JsonNode issued = find(base, id);
            assertEquals("ISSUED", issued.get("status").asText());
            assertEquals("15/QĐ-SKHCN", issued.get("number").asText());
            JsonNode copy = JSON.readTree(post(base + "/api/documents/" + id + "/copies", draft).body());
            assertEquals("COPY", copy.get("status").asText());
            assertEquals(id, copy.get("copyOf").asText());
            assertEquals(404, get(base + "/api/documents/nope/pdf").statusCode());

            HttpResponse<String> page = get(base + "/");
            assertTrue(page.body().contains("Hệ thống quản lý văn bản — demo"));
            HttpResponse<String> client = get(base + "/lib/kyso/index.js");
            assertEquals(200, client.statusCode());
            assertTrue(client.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                    "ES modules need a JavaScript MIME type");
            assertFalse(get(base + "/api/config").body().contains(SoftHsmFixture.USER_PIN),
                    "the page's configuration carries no PIN");
        }
    }

    @Test
    void theTerminalConsentApprovesOnlyAnExplicitYes() {
        for (String yes : new String[] {"c", "C", "có", " y ", "yes"}) {
            assertTrue(DemoPrompts.accepts(yes), yes);
        }
        for (String no : new String[] {null, "", "k", "không", "n", "cc"}) {
            assertFalse(DemoPrompts.accepts(no), String.valueOf(no));
        }
    }

    private String status(String base, String id) throws Exception {
        return find(base, id).get("status").asText();
    }

    private JsonNode find(String base, String id) throws Exception {
        for (JsonNode document : JSON.readTree(get(base + "/api/documents").body())) {
            if (document.get("id").asText().equals(id)) {
                return document;
            }
        }
        throw new AssertionError("no document " + id);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
