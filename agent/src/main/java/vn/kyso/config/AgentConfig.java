package vn.kyso.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.UrlRemap;
import vn.kyso.request.WebOrigin;
import vn.kyso.token.LoginPolicy;
import vn.kyso.token.TokenManagerConfig;

/**
 * The agent's settings, from the machine-wide file (provisioned by IT through the DEB/MSI installers) and the
 * per-user file. Machine settings win for everything security-relevant; lists such as token libraries are the
 * machine's entries followed by the user's.
 *
 * <p>Format: Java properties in UTF-8. Keys in use:
 * <ul>
 *   <li>{@code token.libraries} — PKCS#11 library paths separated by {@code ;} (also {@code token.library.N})</li>
 *   <li>{@code token.discover} — {@code true} (default) to also load catalogued drivers found on disk</li>
 *   <li>{@code login.policy} — {@code until-removal} (default), {@code every-signature}, or {@code idle:15m}</li>
 *   <li>{@code origins.allowed} — web origins allowed to use the agent, separated by {@code ,} or whitespace
 *       (machine file only: a user cannot widen what IT allowed; people approve further origins by pairing)</li>
 *   <li>{@code server.port} — loopback port, default 18443</li>
 *   <li>{@code tsa.url} — RFC 3161 time-stamping authority, default the VGCA TSA {@code http://ca.gov.vn/tsa}</li>
 *   <li>{@code trust.directory} — extra trusted roots (PEM/DER) provisioned by IT (machine file only)</li>
 *   <li>{@code signing.offline} — {@code refuse} (default) or {@code sign-with-warning} when the signer's revocation
 *       status cannot be checked before signing</li>
 *   <li>{@code origins.pairing} — {@code true} (default): people may approve further origins in the agent's pairing
 *       dialog; {@code false}: only the allow-list (machine file only)</li>
 *   <li>{@code ui.language} — {@code vi} (default) or {@code en}, the language of the agent's windows and tray (the
 *       user's value wins over the machine's)</li>
 *   <li>{@code vgca.urls.allowed} — origins VGCA-compatible file jobs may download from and upload to besides the
 *       calling page's own, exact like {@code origins.allowed} (machine file only: a user cannot send documents
 *       elsewhere)</li>
 *   <li>{@code vgca.image.signature}, {@code vgca.image.seal} — transparent PNG files of the signature and the seal
 *       for VGCA-compatible approve/issue/incoming jobs (machine value wins)</li>
 *   <li>{@code pki.remap} — extra host rewrites for OCSP/CRL/CA-issuer URLs found in certificates, on top of the
 *       built-in {@code ocsp.ca.ptc=ocsp.ca.gov.vn}: {@code from=to} entries separated by {@code ,}, where
 *       {@code to} is {@code host} or {@code host:port} (machine file only: it decides where revocation is asked)</li>
 * </ul>
 */
public record AgentConfig(List<Path> tokenLibraries, boolean discoverDrivers, LoginPolicy loginPolicy,
                          List<String> allowedOrigins, int serverPort, String tsaUrl, Path trustDirectory,
                          boolean signOffline, List<Path> sources, List<String> vgcaAllowedUrls,
                          Path vgcaSignatureImage, Path vgcaSealImage, UrlRemap pkiRemap, boolean pairingAllowed,
                          String uiLanguage) {

    public AgentConfig {
        tokenLibraries = List.copyOf(tokenLibraries);
        allowedOrigins = List.copyOf(allowedOrigins);
        vgcaAllowedUrls = List.copyOf(vgcaAllowedUrls);
        sources = List.copyOf(sources);
    }

    public static AgentConfig load() {
        ConfigLocations locations = ConfigLocations.forCurrentSystem();
        return load(locations.machine(), locations.user());
    }

    public static AgentConfig load(Path machineFile, Path userFile) {
        Properties machine = read(machineFile);
        Properties user = read(userFile);
        List<Path> sources = new ArrayList<>();
        if (machine != null) {
            sources.add(machineFile);
        }
        if (user != null) {
            sources.add(userFile);
        }
        LinkedHashSet<Path> libraries = new LinkedHashSet<>();
        libraries.addAll(libraries(machine));
        libraries.addAll(libraries(user));
        String discover = first("token.discover", machine, user, "true");
        if (!discover.equals("true") && !discover.equals("false")) {
            throw invalid(sourceOf("token.discover", machineFile, machine, userFile), "token.discover", discover,
                    "true | false");
        }
        String policy = first("login.policy", machine, user, "until-removal");
        List<String> origins = originList(machine, machineFile, "origins.allowed");
        List<String> vgcaUrls = originList(machine, machineFile, "vgca.urls.allowed");
        String port = first("server.port", machine, user, "18443");
        int serverPort;
        try {
            serverPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            serverPort = -1;
        }
        if (serverPort < 1 || serverPort > 65535) {
            throw invalid(sourceOf("server.port", machineFile, machine, userFile), "server.port", port, "1-65535");
        }
        String tsa = first("tsa.url", machine, user, "http://ca.gov.vn/tsa");
        if (!tsa.startsWith("http://") && !tsa.startsWith("https://")) {
            throw invalid(sourceOf("tsa.url", machineFile, machine, userFile), "tsa.url", tsa, "http(s)://…");
        }
        String trustDir = machine == null ? null : machine.getProperty("trust.directory");
        String offline = first("signing.offline", machine, user, "refuse");
        if (!offline.equals("refuse") && !offline.equals("sign-with-warning")) {
            throw invalid(sourceOf("signing.offline", machineFile, machine, userFile), "signing.offline", offline,
                    "refuse | sign-with-warning");
        }
        UrlRemap remap = UrlRemap.defaults();
        if (machine != null) {
            for (String entry : machine.getProperty("pki.remap", "").split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] fromTo = entry.trim().split("=", -1);
                if (fromTo.length != 2 || !isHost(fromTo[0]) || !isHostAndPort(fromTo[1])) {
                    throw invalid(machineFile, "pki.remap", entry.trim(), "host=host[:port], …");
                }
                remap = remap.with(fromTo[0].trim(), fromTo[1].trim());
            }
        }
        String pairing = machine == null ? "true" : machine.getProperty("origins.pairing", "true").trim();
        if (!pairing.equals("true") && !pairing.equals("false")) {
            throw invalid(machineFile, "origins.pairing", pairing, "true | false");
        }
        // the one setting where the person's own choice wins over the machine's default
        boolean userLanguage = user != null && user.getProperty("ui.language") != null;
        String language = userLanguage ? user.getProperty("ui.language").trim()
                : first("ui.language", machine, null, "vi");
        if (!language.equals("vi") && !language.equals("en")) {
            throw invalid(userLanguage ? userFile : machineFile, "ui.language", language, "vi | en");
        }
        return new AgentConfig(new ArrayList<>(libraries), Boolean.parseBoolean(discover),
                parsePolicy(policy, sourceOf("login.policy", machineFile, machine, userFile)), origins, serverPort,
                tsa, trustDir == null || trustDir.isBlank() ? null : Path.of(trustDir.trim()),
                offline.equals("sign-with-warning"), sources, vgcaUrls, optionalPath("vgca.image.signature", machine, user),
                optionalPath("vgca.image.seal", machine, user), remap, pairing.equals("true"), language);
    }

    /** A list of exact origins, from the machine file only (a user cannot widen what IT allowed). */
    private static List<String> originList(Properties machine, Path machineFile, String key) {
        List<String> origins = new ArrayList<>();
        if (machine != null) {
            for (String origin : machine.getProperty(key, "").split("[,\\s]+")) {
                if (origin.isBlank()) {
                    continue;
                }
                if (WebOrigin.normalise(origin).isEmpty()) {
                    throw invalid(machineFile, key, origin, "https://host[:port]");
                }
                origins.add(origin);
            }
        }
        return origins;
    }

    private static Path optionalPath(String key, Properties machine, Properties user) {
        String value = first(key, machine, user, "");
        return value.isBlank() ? null : Path.of(value);
    }

    private static boolean isHost(String text) {
        return text.trim().matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    }

    private static boolean isHostAndPort(String text) {
        String[] parts = text.trim().split(":", -1);
        return parts.length <= 2 && isHost(parts[0])
                && (parts.length == 1 || parts[1].matches("[0-9]{1,5}") && Integer.parseInt(parts[1]) <= 65535);
    }

    private static Properties read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            throw new KysoException(ConfigError.CONFIG_UNREADABLE, Map.of(), e, file, e.getMessage());
        }
    }

    private static List<Path> libraries(Properties p) {
        if (p == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String part : p.getProperty("token.libraries", "").split(";")) {
            if (!part.isBlank()) {
                out.add(Path.of(part.trim()));
            }
        }
        // token.library.1, token.library.2, … in numeric order
        TreeMap<Integer, String> indexed = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("token.library.")) {
                try {
                    indexed.put(Integer.parseInt(name.substring("token.library.".length())), p.getProperty(name));
                } catch (NumberFormatException ignored) {
                    // not an indexed entry; other token.library.* keys are not ours
                }
            }
        }
        indexed.values().stream().filter(v -> !v.isBlank()).forEach(v -> out.add(Path.of(v.trim())));
        return out;
    }

    /** Machine value if set, else user value, else the default. */
    private static String first(String key, Properties machine, Properties user, String fallback) {
        if (machine != null && machine.getProperty(key) != null) {
            return machine.getProperty(key).trim();
        }
        if (user != null && user.getProperty(key) != null) {
            return user.getProperty(key).trim();
        }
        return fallback;
    }

    private static Path sourceOf(String key, Path machineFile, Properties machine, Path userFile) {
        return machine != null && machine.getProperty(key) != null ? machineFile : userFile;
    }

    static LoginPolicy parsePolicy(String value, Path source) {
        if (value.equals("until-removal")) {
            return LoginPolicy.untilRemoval();
        }
        if (value.equals("every-signature")) {
            return LoginPolicy.everySignature();
        }
        if (value.startsWith("idle:")) {
            Duration timeout = parseDuration(value.substring(5));
            if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
                return LoginPolicy.idle(timeout);
            }
        }
        throw invalid(source, "login.policy", value, "until-removal | every-signature | idle:<N>s|m|h");
    }

    private static Duration parseDuration(String text) {
        if (text.length() < 2) {
            return null;
        }
        try {
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static KysoException invalid(Path source, String key, String value, String expected) {
        return new KysoException(ConfigError.CONFIG_INVALID, String.valueOf(source), key, value, expected);
    }

    /** The token libraries to load: the configured ones, plus catalogued drivers found on disk when discovery is on. */
    public TokenManagerConfig tokenManagerConfig() {
        return (discoverDrivers ? TokenManagerConfig.discovering(tokenLibraries) : TokenManagerConfig.of(tokenLibraries))
                .withLoginPolicy(loginPolicy);
    }
}
