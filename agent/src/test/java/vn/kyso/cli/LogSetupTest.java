package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class LogSetupTest {

    /**
     * slf4j-simple looks for its settings file when the first logger is made; found beside the agent's own classes
     * (the first entry of the installed class path), the search opens no other jar. It sets nothing: LogSetup's
     * system properties are the settings.
     */
    @Test
    void slf4jSimpleFindsAnEmptySettingsFileBesideTheAgentsClasses() throws Exception {
        URL file = LogSetup.class.getClassLoader().getResource("simplelogger.properties");
        assertNotNull(file, "simplelogger.properties is on the class path");
        String classes = LogSetup.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(file.toString().contains(classes.replaceFirst("^file:", "")), file + " is not in " + classes);
        Properties settings = new Properties();
        try (InputStream in = file.openStream()) {
            settings.load(in);
        }
        assertTrue(settings.isEmpty(), "settings belong in LogSetup: " + settings);
    }
}
