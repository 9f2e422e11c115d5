package vn.kyso.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent's port: the agent answering on it is OK, free is a warning (not running), held by another program is a
 * failure (the agent could not start).
 */
final class AgentCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        return List.of(check(install.config().serverPort(), install.inputs().networkTimeout()));
    }

    static Check check(int port, Duration timeout) {
        URI health = URI.create("http://127.0.0.1:" + port + "/v1/health");
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(health).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
            if (body != null && "ok".equals(body.path("status").asText())) {
                return Check.ok("agent", DoctorText.AGENT_RUNNING.with(body.path("version").asText("?"), port));
            }
            return Check.fail("agent", DoctorText.AGENT_PORT_USED.with(port, r.statusCode()));
        } catch (IOException e) {
            // nothing answered over HTTP: free, or held by something that is not a web server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return Check.warn("agent", DoctorText.AGENT_NOT_RUNNING.with(port));
        } catch (IOException e) {
            return Check.fail("agent", DoctorText.AGENT_PORT_HELD.with(port));
        }
    }
}
