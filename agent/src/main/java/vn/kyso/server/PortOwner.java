package vn.kyso.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Who holds a loopback port the agent could not bind: another user's Kyso Agent answers our health probe with 403
 * PEER_USER_MISMATCH (its peer check sees a foreign user), which is exactly the case where taking the next port of
 * the range is right. Our own user's agent (200) or any other program means a real conflict.
 */
final class PortOwner {

    // an agent that has just started answers its first request in about a second, more on a busy machine
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(8);

    private PortOwner() {
    }

    static boolean isAnotherUsersAgent(int port) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/health")).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 403 && answer.body().contains(ServerError.PEER_USER_MISMATCH.code());
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
