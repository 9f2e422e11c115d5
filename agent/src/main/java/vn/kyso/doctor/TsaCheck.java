package vn.kyso.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The time-stamping authority answers; offline is only a warning (signatures would lack a time-stamp). */
final class TsaCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        return List.of(check(URI.create(install.config().tsaUrl()), install.inputs().networkTimeout()));
    }

    static Check check(URI url, Duration timeout) {
        String problem = unreachable(url, timeout);
        return problem == null ? Check.ok("tsa", DoctorText.TSA_OK.with(url))
                : Check.warn("tsa", DoctorText.TSA_UNREACHABLE.with(url, problem));
    }

    /** Null when the server answered anything at all over HTTP within the timeout, else what went wrong. */
    private static String unreachable(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
