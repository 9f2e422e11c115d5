package vn.kyso.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;
import vn.kyso.token.LoginPolicy;
import vn.kyso.token.TokenManagerConfig;

class AgentConfigTest {

    @Test
    void defaultsWhenNoFileExists(@TempDir Path dir) {
        AgentConfig config = AgentConfig.load(dir.resolve("none.properties"), dir.resolve("none2.properties"));
        assertEquals(List.of(), config.tokenLibraries());
        assertTrue(config.discoverDrivers());
        assertEquals(LoginPolicy.Mode.UNTIL_REMOVAL, config.loginPolicy().mode());
        assertEquals(List.of(), config.sources());
    }

    @Test
    void machineLibrariesComeFirstAndMachinePolicyWins(@TempDir Path dir) throws Exception {
        Path machine = dir.resolve("machine.properties");
        Path user = dir.resolve("user.properties");
        Files.writeString(machine, "# IT: Bit4id cho token VGCA\ntoken.libraries=/usr/lib/libbit4xpki.so;/opt/vnpt/libvnpt.so\n"
                + "login.policy=idle:15m\ntoken.discover=false\n");
        Files.writeString(user, "token.library.2=/home/an/lib/b.so\ntoken.library.1=/home/an/lib/a.so\n"
                + "login.policy=every-signature\n");
        AgentConfig config = AgentConfig.load(machine, user);
        assertEquals(List.of(Path.of("/usr/lib/libbit4xpki.so"), Path.of("/opt/vnpt/libvnpt.so"),
                Path.of("/home/an/lib/a.so"), Path.of("/home/an/lib/b.so")), config.tokenLibraries());
        assertEquals(LoginPolicy.idle(Duration.ofMinutes(15)), config.loginPolicy());
        assertFalse(config.discoverDrivers());
        assertEquals(List.of(machine, user), config.sources());

        // what every command opens the tokens with: exactly these libraries, the policy that won, no discovery
        TokenManagerConfig tokens = config.tokenManagerConfig();
        assertEquals(config.tokenLibraries(), tokens.libraries());
        assertFalse(tokens.discover());
        assertEquals(LoginPolicy.idle(Duration.ofMinutes(15)), tokens.loginPolicy());
        Files.writeString(machine, "token.libraries=/usr/lib/libbit4xpki.so\n");
        assertTrue(AgentConfig.load(machine, null).tokenManagerConfig().discover(), "discovery is on by default");
    }

    @Test
    void pairingIsForItToSwitchOffAndTheLanguageIsThePersonsChoice(@TempDir Path dir) throws Exception {
        Path machine = dir.resolve("machine.properties");
        Path user = dir.resolve("user.properties");
        AgentConfig defaults = AgentConfig.load(machine, user);
        assertTrue(defaults.pairingAllowed());
        assertEquals("vi", defaults.uiLanguage());
        Files.writeString(machine, "origins.pairing=false\nui.language=en\n");
        Files.writeString(user, "origins.pairing=true\n");
        AgentConfig config = AgentConfig.load(machine, user);
        assertFalse(config.pairingAllowed(), "a user cannot switch pairing back on");
        assertEquals("en", config.uiLanguage());
        Files.writeString(user, "ui.language=vi\n");
        assertEquals("vi", AgentConfig.load(machine, user).uiLanguage());
        Files.writeString(user, "ui.language=fr\n");
        KysoException e = assertThrows(KysoException.class, () -> AgentConfig.load(machine, user));
        assertTrue(e.messageEn().contains(user.toString()) && e.messageEn().contains("ui.language"), e.messageEn());
        Files.writeString(machine, "origins.pairing=sometimes\n");
        assertEquals("CONFIG_INVALID", assertThrows(KysoException.class, () -> AgentConfig.load(machine, null)).code());
    }

    @Test
    void badValuesNameTheFileTheKeyAndWhatIsExpected(@TempDir Path dir) throws Exception {
        Path machine = dir.resolve("agent.properties");
        Files.writeString(machine, "login.policy=sometimes\n");
        KysoException e = assertThrows(KysoException.class, () -> AgentConfig.load(machine, null));
        assertEquals("CONFIG_INVALID", e.code());
        assertTrue(e.messageEn().contains(machine.toString()) && e.messageEn().contains("login.policy")
                && e.messageEn().contains("sometimes") && e.messageEn().contains("idle:"), e.messageEn());
        assertTrue(e.messageVi().contains("không hợp lệ"), e.messageVi());
        Files.writeString(machine, "login.policy=idle:0m\n");
        assertEquals("CONFIG_INVALID", assertThrows(KysoException.class, () -> AgentConfig.load(machine, null)).code());
        Files.writeString(machine, "token.discover=maybe\n");
        assertEquals("CONFIG_INVALID", assertThrows(KysoException.class, () -> AgentConfig.load(machine, null)).code());
    }

    @Test
    void originsComeFromTheMachineFileOnly(@TempDir Path dir) throws Exception {
        Path machine = dir.resolve("machine.properties");
        Path user = dir.resolve("user.properties");
        Files.writeString(machine, "origins.allowed=https://qlvb.ninhbinh.gov.vn, https://dichvucong.ninhbinh.gov.vn:8443\n"
                + "server.port=19443\n");
        Files.writeString(user, "origins.allowed=https://evil.example\n");
        AgentConfig config = AgentConfig.load(machine, user);
        assertEquals(List.of("https://qlvb.ninhbinh.gov.vn", "https://dichvucong.ninhbinh.gov.vn:8443"),
                config.allowedOrigins());
        assertEquals(19443, config.serverPort());
        Files.writeString(machine, "origins.allowed=qlvb.ninhbinh.gov.vn\n");
        assertEquals("CONFIG_INVALID", assertThrows(KysoException.class, () -> AgentConfig.load(machine, null)).code());
        Files.writeString(machine, "server.port=70000\n");
        assertEquals("CONFIG_INVALID", assertThrows(KysoException.class, () -> AgentConfig.load(machine, null)).code());
    }

    @Test
    void vgcaUrlsComeFromTheMachineFileOnlyAndImagesFromEither(@TempDir Path dir) throws Exception {
        Path machine = dir.resolve("machine.properties");
        Path user = dir.resolve("user.properties");
        Files.writeString(machine, "vgca.urls.allowed=https://files.ninhbinh.gov.vn https://qlvb.ninhbinh.gov.vn:8443\n"
                + "vgca.image.seal=/etc/kyso/seal.png\n");
        Files.writeString(user, "vgca.urls.allowed=https://evil.example\nvgca.image.signature=/home/an/chu-ky.png\n"
                + "vgca.image.seal=/home/an/fake-seal.png\n");
        AgentConfig config = AgentConfig.load(machine, user);
        assertEquals(List.of("https://files.ninhbinh.gov.vn", "https://qlvb.ninhbinh.gov.vn:8443"),
                config.vgcaAllowedUrls());
        assertEquals(Path.of("/home/an/chu-ky.png"), config.vgcaSignatureImage());
        assertEquals(Path.of("/etc/kyso/seal.png"), config.vgcaSealImage(), "the machine's seal wins");
        Files.writeString(machine, "vgca.urls.allowed=https://files.ninhbinh.gov.vn/upload\n");
        KysoException e = assertThrows(KysoException.class, () -> AgentConfig.load(machine, null));
        assertEquals("CONFIG_INVALID", e.code());
        assertTrue(e.messageEn().contains("vgca.urls.allowed"), e.messageEn());
        AgentConfig none = AgentConfig.load(dir.resolve("none"), user);
        assertEquals(List.of(), none.vgcaAllowedUrls(), "a user file cannot allow URLs");
        assertEquals(Path.of("/home/an/fake-seal.png"), none.vgcaSealImage(), "without a machine value the user's");
    }

    @Test
    void pkiRemapComesFromTheMachineFileOnTopOfTheBuiltInEntry(@TempDir Path dir) throws Exception {
        Path machine = dir.resolve("machine.properties");
        Path user = dir.resolve("user.properties");
        Files.writeString(machine, "pki.remap=ocsp.tinh.local=ocsp.ca.gov.vn, crl.ca.ptc=127.0.0.1:8080\n");
        Files.writeString(user, "pki.remap=ocsp.ca.gov.vn=evil.example\n");
        AgentConfig config = AgentConfig.load(machine, user);
        assertEquals(URI.create("http://ocsp.ca.gov.vn/ocsp"), config.pkiRemap().apply(URI.create("http://ocsp.tinh.local/ocsp")));
        assertEquals(URI.create("http://127.0.0.1:8080/g2.crl"), config.pkiRemap().apply(URI.create("http://CRL.ca.ptc/g2.crl")));
        assertEquals(URI.create("http://ocsp.ca.gov.vn/"), config.pkiRemap().apply(URI.create("http://ocsp.ca.ptc/")),
                "the built-in rewrite stays");
        // A user cannot redirect where revocation is asked.
        assertEquals(URI.create("http://ocsp.ca.gov.vn/x"), config.pkiRemap().apply(URI.create("http://ocsp.ca.gov.vn/x")));
        assertEquals(URI.create("http://ocsp.ca.gov.vn/x"),
                AgentConfig.load(null, user).pkiRemap().apply(URI.create("http://ocsp.ca.gov.vn/x")));

        for (String bad : List.of("ocsp.ca.ptc", "ocsp.ca.ptc=", "=x", "a=b:99999", "a=http://b", "a=b=c")) {
            Files.writeString(machine, "pki.remap=" + bad + "\n");
            KysoException e = assertThrows(KysoException.class, () -> AgentConfig.load(machine, null), bad);
            assertEquals("CONFIG_INVALID", e.code());
            assertTrue(e.messageEn().contains("pki.remap"), e.messageEn());
        }
    }

    @Test
    void locationsPerOperatingSystem() {
        Path home = Path.of("/home/an");
        assertEquals(new ConfigLocations(Path.of("/etc/kyso/agent.properties"),
                Path.of("/home/an/.config/kyso/agent.properties")), ConfigLocations.forSystem("Linux", Map.of(), home));
        assertEquals(Path.of("/xdg/kyso/agent.properties"),
                ConfigLocations.forSystem("Linux", Map.of("XDG_CONFIG_HOME", "/xdg"), home).user());
        ConfigLocations windows = ConfigLocations.forSystem("Windows 11",
                Map.of("ProgramData", "C:\\ProgramData", "APPDATA", "C:\\Users\\an\\AppData\\Roaming"), home);
        assertTrue(windows.machine().toString().endsWith("agent.properties"));
        assertTrue(windows.machine().toString().contains("Kyso"));
        assertEquals(Path.of("/Library/Application Support/Kyso/agent.properties"),
                ConfigLocations.forSystem("Mac OS X", Map.of(), home).machine());
    }
}
