package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class AgentCheckTest {

    @Test
    void aFreePortMeansNotRunningAPortHeldByAnotherProgramFails() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        Check notRunning = AgentCheck.check(free, Duration.ofSeconds(1));
        Check held;
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            held = AgentCheck.check(squatter.getLocalPort(), Duration.ofSeconds(1));
            assertEquals("Port " + squatter.getLocalPort() + " is held by another program: Kyso Agent cannot start",
                    held.en());
        }

        assertEquals(Check.Status.WARN, notRunning.status());
        assertEquals("Kyso Agent chưa chạy; cổng " + free + " còn trống", notRunning.vi());
        assertEquals(Check.Status.FAIL, held.status());
    }
}
