package vn.kyso.token;

import java.nio.file.Path;

/**
 * A token that is present now.
 *
 * @param id stable across re-plugging: derived from the driver, manufacturer, model and serial number, never from
 *           the slot number (which changes with the USB port)
 */
public record TokenInfo(String id, String label, String manufacturer, String model, String serial, Path driver,
                        long slotId, TokenFlags flags) {
}
