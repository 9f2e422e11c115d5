package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import vn.kyso.testpki.TestEnvironment;

class TsaCheckTest {

    @Test
    void theTestTsaAnswersAClosedPortOnlyWarns() throws Exception {
        URI tsa = URI.create(TestEnvironment.shared().services().urls().tsa());
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + dead + "/tsa");

        Check up = TsaCheck.check(tsa, Duration.ofSeconds(2));
        Check down = TsaCheck.check(closed, Duration.ofSeconds(2));

        assertEquals(Check.Status.OK, up.status(), up.en());
        assertEquals("Time-stamping authority answers: " + tsa, up.en());
        assertEquals(Check.Status.WARN, down.status());
        assertTrue(down.en().startsWith("Time-stamping authority " + closed + " unreachable ("), down.en());
        assertTrue(down.vi().endsWith("): chữ ký sẽ thiếu dấu thời gian"), down.vi());
    }
}
