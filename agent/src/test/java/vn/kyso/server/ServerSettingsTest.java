package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bridge's settings: defaults as documented, values out of range refused when built, with their name. */
class ServerSettingsTest {

    private static final Path SECRET = Path.of("secret");

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerSettings settings = ServerSettings.builder().secretFile(SECRET).build();
        assertEquals(ServerSettings.DEFAULT_PORT, settings.port());
        assertEquals(List.of(), settings.allowedOrigins());
        assertEquals(1 << 20, settings.maxTextFrameBytes());
        assertEquals(Duration.ofMinutes(30), settings.idleTimeout());
        assertEquals(100L * 1024 * 1024, settings.maxDocumentBytes());
        assertEquals(10, settings.maxDocumentsPerConnection());
        assertEquals(new ServerSettings.Limits(32, 8, 4, Duration.ofMinutes(10)), settings.limits());
        ServerSettings.Budgets budgets = settings.budgets();
        assertEquals(List.of(8, 16, 32), List.of(budgets.maxRequestsPerConnection(), budgets.maxRequestsPerOrigin(),
                budgets.workerThreads()));
        assertEquals(List.of(128L << 20, 2L << 30, 4L << 20), List.of(budgets.documentMemoryBytes(),
                budgets.documentDiskBytes(), budgets.spillAboveBytes()));
        assertNull(budgets.spillFolder());
    }

    @Test
    void changingOneValueKeepsTheOthersAndTheOriginalUnchanged() {
        List<String> origins = new ArrayList<>(List.of("https://qlvb.ninhbinh.gov.vn"));
        ServerSettings first = ServerSettings.builder().port(0).allowedOrigins(origins).secretFile(SECRET)
                .idleTimeout(Duration.ofMinutes(1)).build();
        origins.add("https://evil.example");
        assertEquals(List.of("https://qlvb.ninhbinh.gov.vn"), first.allowedOrigins(), "a copy, not the caller's list");
        ServerSettings moved = first.withPort(18444);
        assertEquals(0, first.port());
        assertEquals(18444, moved.port());
        assertEquals(first.toBuilder().port(18444).build(), moved);
        assertThrows(UnsupportedOperationException.class, () -> first.allowedOrigins().add("x"));
    }

    @Test
    void valuesOutOfRangeAreRefusedByName() {
        assertRefused("port", () -> ServerSettings.builder().secretFile(SECRET).port(65536).build());
        assertRefused("port", () -> ServerSettings.builder().secretFile(SECRET).port(-1).build());
        assertRefused("maxTextFrameBytes", () -> ServerSettings.builder().secretFile(SECRET).maxTextFrameBytes(10)
                .build());
        assertRefused("idleTimeout", () -> ServerSettings.builder().secretFile(SECRET).idleTimeout(Duration.ZERO)
                .build());
        assertRefused("idleTimeout", () -> ServerSettings.builder().secretFile(SECRET).idleTimeout(null).build());
        assertRefused("maxDocumentBytes", () -> ServerSettings.builder().secretFile(SECRET).maxDocumentBytes(0)
                .build());
        assertRefused("maxDocumentsPerConnection", () -> ServerSettings.builder().secretFile(SECRET)
                .maxDocumentsPerConnection(0).build());
        assertRefused("maxPendingPerOrigin", () -> new ServerSettings.Limits(32, 8, 0, Duration.ofMinutes(1)));
        assertRefused("requestTimeout", () -> new ServerSettings.Limits(32, 8, 4, Duration.ofSeconds(-1)));
        assertRefused("workerThreads", () -> ServerSettings.Budgets.builder().workerThreads(0).build());
        assertRefused("maxRequestsPerOrigin", () -> ServerSettings.Budgets.builder().maxRequestsPerConnection(8)
                .maxRequestsPerOrigin(4).build());
        assertRefused("documentMemoryBytes", () -> ServerSettings.Budgets.builder().documentMemoryBytes(-1).build());
    }

    @Test
    void theSecretFileIsRequired() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ServerSettings.builder().build());
        assertTrue(e.getMessage().contains("secretFile"), e.getMessage());
    }

    private static void assertRefused(String name, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }
}
