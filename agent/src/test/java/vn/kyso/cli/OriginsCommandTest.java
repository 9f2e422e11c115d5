package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listShowsBothSourcesAndRevokeWithdrawsOnlyTheUsersApprovals() throws Exception {
        Path machine = dir.resolve("agent.properties");
        Files.writeString(machine, "origins.allowed=https://qlvb.ninhbinh.gov.vn\n");
        Path file = dir.resolve("paired-origins.json");
        new PairedOrigins(file).add("https://dichvucong.ninhbinh.gov.vn");
        new PairedOrigins(file).add("https://a.example:8443");

        Result list = run("origins", "list", "--json", "--config", machine.toString(), "--file", file.toString());
        assertEquals(0, list.exit(), list.err());
        JsonNode json = new ObjectMapper().readTree(list.out());
        assertEquals("https://qlvb.ninhbinh.gov.vn", json.get("allowedByIt").get(0).asText());
        assertEquals("https://dichvucong.ninhbinh.gov.vn", json.get("approvedByUser").get(0).get("origin").asText());
        assertTrue(json.get("pairing").asBoolean());

        Result revoke = run("origins", "revoke", "HTTPS://DichVuCong.NinhBinh.gov.vn/", "--file", file.toString());
        assertEquals(0, revoke.exit(), revoke.err());
        assertTrue(revoke.out().contains("https://dichvucong.ninhbinh.gov.vn"));
        assertFalse(new PairedOrigins(file).contains("https://dichvucong.ninhbinh.gov.vn"));
        assertTrue(new PairedOrigins(file).contains("https://a.example:8443"));

        Result again = run("origins", "revoke", "https://dichvucong.ninhbinh.gov.vn", "--file", file.toString());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("[ORIGIN_NOT_PAIRED]"), again.err());
        Result itOrigin = run("origins", "revoke", "https://qlvb.ninhbinh.gov.vn", "--file", file.toString());
        assertEquals(1, itOrigin.exit(), "IT's allow-list is not the user's to revoke");
        assertEquals(1, run("origins", "revoke", "not-an-origin", "--file", file.toString()).exit());
        assertEquals(2, run("origins", "frobnicate").exit());

        Result text = run("origins", "list", "--config", machine.toString(), "--file", file.toString());
        assertTrue(text.out().contains("Do CNTT cấp / allowed by IT (1):")
                && text.out().contains("approved by this user (1)") && text.out().contains("https://a.example:8443"),
                text.out());
    }
}
