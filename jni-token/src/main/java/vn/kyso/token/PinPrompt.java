package vn.kyso.token;

import java.util.Optional;

/**
 * Asks a person for the PIN. In the agent this is its own dialog; in tests a scripted implementation. There is no
 * implementation that reads a PIN from a web page or an environment variable.
 *
 * <p>The returned array belongs to the token layer, which wipes it after use. Return an empty Optional when the
 * person cancels. For a token with a PIN pad ({@link PinRequest#protectedAuthenticationPath()}) return an empty
 * array to proceed: the PIN is then typed on the device.
 */
@FunctionalInterface
public interface PinPrompt {

    Optional<char[]> requestPin(PinRequest request);
}
