package vn.kyso.token.driver;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Expands the two Windows variables catalogue locations use. Windows is not always on drive C:, so the
 * environment wins; the defaults are what a stock installation has.
 */
final class PathTemplate {

    private static final Map<String, String> DEFAULTS = Map.of(
            "SystemRoot", "C:\\Windows",
            "ProgramFiles", "C:\\Program Files");

    private PathTemplate() {
    }

    /** @param environment looks a variable up (Windows names are case-insensitive, as {@link System#getenv(String)}) */
    static String expand(String template, UnaryOperator<String> environment) {
        String result = template;
        for (Map.Entry<String, String> variable : DEFAULTS.entrySet()) {
            String token = "%" + variable.getKey() + "%";
            if (result.contains(token)) {
                String value = environment.apply(variable.getKey());
                result = result.replace(token, value == null || value.isBlank() ? variable.getValue() : value);
            }
        }
        return result;
    }
}
