package vn.kyso.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine-wide (IT-provisioned) and per-user configuration files live on each OS.
 *
 * @param machine e.g. {@code /etc/kyso/agent.properties} or {@code %ProgramData%\Kyso\agent.properties}
 * @param user    e.g. {@code ~/.config/kyso/agent.properties} or {@code %APPDATA%\Kyso\agent.properties}
 */
public record ConfigLocations(Path machine, Path user) {

    public static final String FILE_NAME = "agent.properties";

    public static ConfigLocations forCurrentSystem() {
        return forSystem(System.getProperty("os.name"), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static ConfigLocations forSystem(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path programData = Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"));
            Path appData = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA"))
                    : home.resolve("AppData").resolve("Roaming");
            return new ConfigLocations(programData.resolve("Kyso").resolve(FILE_NAME),
                    appData.resolve("Kyso").resolve(FILE_NAME));
        }
        if (os.contains("mac")) {
            return new ConfigLocations(Path.of("/Library/Application Support/Kyso").resolve(FILE_NAME),
                    home.resolve("Library/Application Support/Kyso").resolve(FILE_NAME));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path userDir = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return new ConfigLocations(Path.of("/etc/kyso").resolve(FILE_NAME), userDir.resolve("kyso").resolve(FILE_NAME));
    }
}
