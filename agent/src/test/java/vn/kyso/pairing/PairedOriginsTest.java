package vn.kyso.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;

class PairedOriginsTest {

    @TempDir
    Path dir;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T07:35:22Z"), ZoneOffset.UTC);

    @Test
    void addPersistsTheNormalisedOriginOwnerOnlyAndAtomically() throws Exception {
        Path file = dir.resolve("kyso/paired-origins.json");
        PairedOrigins store = new PairedOrigins(file, CLOCK);
        store.add("HTTPS://QLVB.NinhBinh.gov.vn:443");
        store.add("https://qlvb.ninhbinh.gov.vn"); // same origin: no duplicate

        assertEquals(List.of(new PairedOrigins.Entry("https://qlvb.ninhbinh.gov.vn", "2026-11-27T14:35:22+07:00")),
                store.list());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"version\" : 1") && text.contains("\"origin\" : \"https://qlvb.ninhbinh.gov.vn\""),
                text);
        // a fresh reader (the agent after a restart, or the CLI) sees the same list
        assertTrue(new PairedOrigins(file).contains("https://qlvb.ninhbinh.gov.vn"));
    }

    @Test
    void revokeRemovesOnlyThatOriginAndReportsUnknownOnes() {
        PairedOrigins store = new PairedOrigins(dir.resolve("p.json"), CLOCK);
        store.add("https://a.example");
        store.add("https://b.example:8443");
        assertTrue(store.revoke("https://A.example/"));
        assertFalse(store.revoke("https://a.example"));
        assertFalse(store.revoke("not an origin"));
        assertEquals(List.of("https://b.example:8443"),
                new PairedOrigins(dir.resolve("p.json")).list().stream().map(PairedOrigins.Entry::origin).toList());
    }

    @Test
    void aChangeByAnotherProcessIsSeenWithoutRestart() {
        Path file = dir.resolve("p.json");
        PairedOrigins agent = new PairedOrigins(file, CLOCK);
        PairedOrigins cli = new PairedOrigins(file, CLOCK);
        cli.add("https://a.example");
        assertTrue(agent.contains("https://a.example"));
        cli.revoke("https://a.example");
        assertFalse(agent.contains("https://a.example"));
    }

    @Test
    void aDamagedFileIsReportedNotGuessed() throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"version\":1,\"origins\":[{\"origin\":\"https://a.example/path\"}]}");
        KysoException e = assertThrows(KysoException.class, () -> new PairedOrigins(file).list());
        assertEquals("PAIRED_ORIGINS_UNREADABLE", e.code());
        assertTrue(e.messageEn().contains("not a web origin"), e.messageEn());
        Files.writeString(file, "{oops");
        assertEquals("PAIRED_ORIGINS_UNREADABLE",
                assertThrows(KysoException.class, () -> new PairedOrigins(file).contains("https://a.example")).code());
        assertEquals("ORIGIN_INVALID", assertThrows(KysoException.class,
                () -> new PairedOrigins(dir.resolve("q.json")).add("javascript:alert(1)")).code());
    }
}
