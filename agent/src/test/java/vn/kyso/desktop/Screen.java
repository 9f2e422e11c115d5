package vn.kyso.desktop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;

/**
 * The real X display the Swing tests drive (Xvfb, started by the display-tests launcher): finds the agent's prompt
 * windows, clicks and types with java.awt.Robot as a person would, and saves screenshots.
 */
final class Screen {

    private final Robot robot;

    private Screen(Robot robot) {
        this.robot = robot;
        robot.setAutoDelay(15);
    }

    /**
     * A display, or a skipped test where the machine genuinely has no Xvfb. Under CI=true a missing display fails
     * the test: CI must prove the dialogs.
     */
    static Screen require() {
        if (GraphicsEnvironment.isHeadless()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("no X display in CI: scripts/bootstrap.sh installs xvfb, and surefire's display-tests "
                        + "execution runs this JVM on it");
            }
            boolean xvfbInstalled = Optional.ofNullable(System.getenv("PATH")).stream()
                    .flatMap(p -> java.util.Arrays.stream(p.split(File.pathSeparator)))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, "Xvfb")));
            if (xvfbInstalled) {
                fail("Xvfb is installed but this JVM has no display: run the test through Maven "
                        + "(execution display-tests), not on its own");
            }
            if ("true".equals(System.getenv("CI"))) {
                fail("no Xvfb in CI: scripts/bootstrap.sh installs xvfb");
            }
            assumeTrue(false, "no Xvfb on this machine: Swing tests skipped");
        }
        try {
            return new Screen(new Robot());
        } catch (AWTException e) {
            throw new AssertionError("no robot on the display", e);
        }
    }

    /** The prompt window once it is showing. */
    JDialog prompt() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            AtomicReference<JDialog> found = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof JDialog d && PromptWindow.NAME.equals(d.getName()) && d.isShowing()) {
                        found.set(d);
                    }
                }
            });
            if (found.get() != null) {
                // Without a window manager, XToolkit can briefly take a configure event for the window's position
                // before it is placed and keep believing it sits at 0,0; placing it again makes Java's idea of where
                // it is and the X server's agree, so clicks land where the test aims them.
                SwingUtilities.invokeAndWait(() -> found.get().setLocationRelativeTo(null));
                robot.waitForIdle();
                Thread.sleep(100);
                robot.waitForIdle();
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no prompt window appeared");
    }

    /** Closes prompt windows a failed test left open, so the next test finds its own. */
    static void closeLeftovers() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            for (Window w : Window.getWindows()) {
                if (PromptWindow.NAME.equals(w.getName()) && w.isDisplayable()) {
                    w.dispatchEvent(new java.awt.event.WindowEvent(w, java.awt.event.WindowEvent.WINDOW_CLOSING));
                    w.dispose();
                }
            }
        });
    }

    /** True once no prompt window is showing any more. */
    boolean promptGone() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            AtomicReference<Boolean> showing = new AtomicReference<>(false);
            SwingUtilities.invokeAndWait(() -> {
                for (Window w : Window.getWindows()) {
                    if (PromptWindow.NAME.equals(w.getName()) && w.isShowing()) {
                        showing.set(true);
                    }
                }
            });
            if (!showing.get()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static <T extends Component> T find(Container root, String name, Class<T> type) {
        T found = search(root, name, type);
        if (found == null) {
            throw new AssertionError("no " + type.getSimpleName() + " named " + name);
        }
        return found;
    }

    static <T extends Component> boolean has(Container root, String name, Class<T> type) {
        return search(root, name, type) != null;
    }

    private static <T extends Component> T search(Container root, String name, Class<T> type) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName()) && type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Container inner) {
                T found = search(inner, name, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * A real mouse click in the middle of the component, once it is enabled (prompts arm their buttons late). If the
     * X server hands the click to a window that is just going away instead (no window manager under Xvfb), the click
     * is repeated, as a person would; whether the component acts on it is left to the test to see.
     */
    void click(Component c) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.isEnabled()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(c.getName() + " never became enabled");
            }
            Thread.sleep(20);
        }
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        java.awt.event.MouseAdapter listener = new java.awt.event.MouseAdapter() {
            @Override
            public void mouseReleased(java.awt.event.MouseEvent e) {
                arrived.countDown();
            }
        };
        c.addMouseListener(listener);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                Point p = onScreen(c);
                if (p == null) {
                    return; // the window went away: an earlier click did its work before its release event arrived
                }
                robot.mouseMove(p.x, p.y);
                robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                robot.waitForIdle();
                // generous: on a loaded machine the event thread can lag seconds behind the X server
                if (arrived.await(5, TimeUnit.SECONDS) || !c.isShowing()) {
                    return;
                }
            }
            throw new AssertionError("the click never reached " + c.getName());
        } finally {
            c.removeMouseListener(listener);
        }
    }

    /** Types digits with real key events into whatever has the focus. */
    void typeDigits(String digits) {
        for (char ch : digits.toCharArray()) {
            int key = KeyEvent.VK_0 + (ch - '0');
            robot.keyPress(key);
            robot.keyRelease(key);
        }
        robot.waitForIdle();
    }

    void key(int keyCode) {
        robot.keyPress(keyCode);
        robot.keyRelease(keyCode);
        robot.waitForIdle();
    }

    /** Saves what the screen shows of the window to {@code target/screenshots/NAME.png}; returns the file. */
    Path screenshot(Window window, String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!allButtonsEnabled(window) && System.nanoTime() < end) {
            Thread.sleep(20); // as the person sees it once the buttons are armed
        }
        robot.waitForIdle();
        AtomicReference<Rectangle> bounds = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> bounds.set(window.getBounds()));
        BufferedImage image = robot.createScreenCapture(bounds.get());
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static boolean allButtonsEnabled(Container root) {
        for (Component c : root.getComponents()) {
            if (c instanceof javax.swing.JButton b && !b.isEnabled()
                    || c instanceof Container inner && !allButtonsEnabled(inner)) {
                return false;
            }
        }
        return true;
    }

    /** The middle of the component on the screen, or null once it is no longer showing. */
    private static Point onScreen(Component c) throws Exception {
        AtomicReference<Point> p = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            if (!c.isShowing()) {
                return;
            }
            Point origin = c.getLocationOnScreen();
            p.set(new Point(origin.x + c.getWidth() / 2, origin.y + c.getHeight() / 2));
        });
        return p.get();
    }
}
