package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;

/**
 * {@code kyso serve} on a desktop, as its own process: it finds the display, shows its own windows and tray icon, and
 * its windows' safe defaults hold — Enter on the pairing window denies, Enter on the consent window refuses.
 */
@Tag("display")
class DesktopServeTest {

    @TempDir
    Path home;

    @Test
    void onADesktopTheAgentAsksThePersonAndEnterIsTheSafeAnswer() throws Exception {
        if (GraphicsEnvironment.isHeadless() || System.getenv("DISPLAY") == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("no X display in CI (scripts/bootstrap.sh installs xvfb)");
            }
            Assumptions.assumeTrue(false, "no display on this machine");
        }
        Robot robot = new Robot();
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .getDefaultConfiguration().getBounds();
        Rectangle middle = new Rectangle(screen.width / 2 - 40, screen.height / 2 - 20, 80, 40);
        try (AgentProcess agent = AgentProcess.start(home, ServeCommandTest.config(TestEnvironment.shared()),
                System.getenv("DISPLAY"))) {
            String out = agent.output();
            assertTrue(out.contains("Hộp thoại / dialogs: có / yes"), out);
            if (System.getenv("KYSO_TEST_TRAY") != null) {
                assertTrue(out.contains("biểu tượng khay / tray icon: có / yes"), out);
            }
            assertTrue(out.contains("hỏi người dùng / asks the person"), out);

            SocketClient stranger = SocketClient.connect(agent.port, "https://new-site.example");
            awaitWindow(robot, middle, true);
            screenshot(robot, screen, "serve-pairing");
            robot.mouseMove(middle.x + middle.width / 2, middle.y + middle.height / 2);
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            robot.keyPress(KeyEvent.VK_ENTER);
            robot.keyRelease(KeyEvent.VK_ENTER);
            assertEquals(403, stranger.awaitOutcome(ServeCommandTest.PATIENCE), "Enter means Deny");
            assertFalse(Files.exists(agent.pairedOrigins()));
            awaitWindow(robot, middle, false);

            SocketClient page = SocketClient.connect(agent.port, "https://qlvb.ninhbinh.gov.vn");
            assertEquals("open", page.awaitOutcome(ServeCommandTest.PATIENCE));
            page.sendText("{\"id\":1,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\""
                    + ServeCommandTest.anCertificateId() + "\",\"hash\":\"" + "A".repeat(43) + "=\"}}");
            awaitWindow(robot, middle, true);
            screenshot(robot, screen, "serve-consent");
            robot.mouseMove(middle.x + middle.width / 2, middle.y + middle.height / 2);
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            robot.keyPress(KeyEvent.VK_ENTER);
            robot.keyRelease(KeyEvent.VK_ENTER);
            JsonNode answer = page.pollAnswer(Duration.ofSeconds(30));
            assertEquals("CONSENT_REFUSED", String.valueOf(answer == null ? null : answer.path("error").path("code")
                    .asText()), String.valueOf(answer));
            assertTrue(Files.readString(agent.auditFile()).contains("\"result\":\"CONSENT_REFUSED\""));
        }
    }

    /** Waits until the middle of the screen shows a window (or, with {@code shown} false, the bare background). */
    private static void awaitWindow(Robot robot, Rectangle middle, boolean shown) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            if (blank(robot.createScreenCapture(middle)) != shown) {
                Thread.sleep(1000); // the window's buttons are armed after a moment
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(shown ? "the agent's window never appeared" : "the agent's window never closed");
    }

    private static boolean blank(BufferedImage image) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return (first & 0xFFFFFF) == 0; // Xvfb's root window is black
    }

    private static void screenshot(Robot robot, Rectangle screen, String name) throws Exception {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(robot.createScreenCapture(screen), "png", dir.resolve(name + ".png").toFile());
    }
}
