package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.PairedOrigins;

class OriginsCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsBothSourcesAndRevokeWithdrawsOnlyTheUsersApprovals() throws Exception {
        Path machine = dir.resolve("agent.properties");
        Files.writeString(machine, "origins.allowed=https://qlvb.ninhbinh.gov.vn\n");
        Path file = dir.resolve("paired-origins.json");
        new PairedOrigins(file).add("https://dichvucong.ninhbinh.gov.vn");
        new PairedOrigins(file).add("https://a.example:8443");

        CommandRun list = CommandRun.of("origins", "list", "--json", "--config", machine.toString(),
                "--file", file.toString());
        assertEquals(0, list.exit(), list.err());
        JsonNode json = new ObjectMapper().readTree(list.out());
        assertEquals("https://qlvb.ninhbinh.gov.vn", json.get("allowedByIt").get(0).asText());
        assertEquals("https://dichvucong.ninhbinh.gov.vn", json.get("approvedByUser").get(0).get("origin").asText());
        assertTrue(json.get("pairing").asBoolean());

        CommandRun revoke = CommandRun.of("origins", "revoke", "HTTPS://DichVuCong.NinhBinh.gov.vn/",
                "--file", file.toString());
        assertEquals(0, revoke.exit(), revoke.err());
        assertTrue(revoke.out().contains("https://dichvucong.ninhbinh.gov.vn"));
        assertFalse(new PairedOrigins(file).contains("https://dichvucong.ninhbinh.gov.vn"));
        assertTrue(new PairedOrigins(file).contains("https://a.example:8443"));

        CommandRun again = CommandRun.of("origins", "revoke", "https://dichvucong.ninhbinh.gov.vn",
                "--file", file.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("[ORIGIN_NOT_PAIRED]"), again.err());
        CommandRun itOrigin = CommandRun.of("origins", "revoke", "https://qlvb.ninhbinh.gov.vn",
                "--file", file.toString());
        assertEquals(1, itOrigin.exit(), "IT's allow-list is not the user's to revoke");
        assertEquals(1, CommandRun.of("origins", "revoke", "not-an-origin", "--file", file.toString()).exit());
        assertEquals(2, CommandRun.of("origins", "frobnicate").exit());

        CommandRun text = CommandRun.of("origins", "list", "--config", machine.toString(), "--file", file.toString());
        assertTrue(text.out().contains("Do CNTT cấp / allowed by IT (1):")
                && text.out().contains("approved by this user (1)") && text.out().contains("https://a.example:8443"),
                text.out());
    }
}
