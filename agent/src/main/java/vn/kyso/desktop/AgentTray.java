package vn.kyso.desktop;

import java.awt.BasicStroke;
import java.awt.CheckboxMenuItem;
import java.awt.Color;
import java.awt.Desktop;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.audit.AuditLog;
import vn.kyso.errors.Language;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;

/**
 * The agent's icon in the system tray (where the desktop has one): status in the tooltip and the menu's first lines
 * (port, tokens), recent signatures from the audit log, approved web pages (click one to revoke it), the log folder,
 * the language and quit. The menu is rebuilt when something changes and every few seconds.
 */
public final class AgentTray implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentTray.class);
    private static final int RECENT = 5;

    /**
     * What the tray shows and does.
     *
     * @param port      the port the agent listens on
     * @param tokens    tokens plugged in now
     * @param itOrigins the machine allow-list (shown, not revocable)
     * @param pairing   the person's approvals, or null when IT switched pairing off
     * @param audit     the signing log
     * @param language  the windows' language, changed from the menu
     * @param revoke    withdraws an approval and closes that origin's connections
     * @param quit      stops the agent
     */
    public record Parts(int port, IntSupplier tokens, Set<String> itOrigins, Pairing pairing, AuditLog audit,
                        AtomicReference<Language> language, Consumer<String> revoke, Runnable quit) {
    }

    private final Parts parts;
    private final TrayIcon icon;
    private final Timer refresh;

    private AgentTray(Parts parts, TrayIcon icon) {
        this.parts = parts;
        this.icon = icon;
        this.refresh = new Timer(5000, e -> update());
    }

    /** Adds the icon when the desktop has a system tray; empty otherwise (the dialogs work without it). */
    public static Optional<AgentTray> install(Parts parts) {
        if (!DesktopSupport.available() || !SystemTray.isSupported()) {
            return Optional.empty();
        }
        AtomicReference<AgentTray> tray = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                Dimension size = SystemTray.getSystemTray().getTrayIconSize();
                TrayIcon icon = new TrayIcon(image(Math.max(16, size.height)));
                icon.setImageAutoSize(true);
                AgentTray created = new AgentTray(parts, icon);
                created.update();
                try {
                    SystemTray.getSystemTray().add(icon);
                    created.refresh.start();
                    tray.set(created);
                } catch (java.awt.AWTException e) {
                    LOG.info("system tray refused the icon: {}", e.getMessage());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.lang.reflect.InvocationTargetException e) {
            LOG.info("no tray icon: {}", String.valueOf(e.getCause()));
        }
        if (tray.get() != null && parts.pairing() != null) {
            parts.pairing().addListener(() -> SwingUtilities.invokeLater(tray.get()::update));
        }
        return Optional.ofNullable(tray.get());
    }

    /** Redraws tooltip and menu (on the Swing thread). */
    public void update() {
        DialogWording w = new DialogWording(parts.language().get());
        icon.setToolTip(w.trayTooltip(parts.port(), parts.tokens().getAsInt()));
        icon.setPopupMenu(menu(parts, w, this::update));
    }

    /** The menu itself, built from the current state; separate from the icon so it can be checked on its own. */
    static PopupMenu menu(Parts parts, DialogWording w, Runnable redraw) {
        PopupMenu menu = new PopupMenu();
        menu.add(disabled("Kyso Agent — " + w.listening(parts.port())));
        menu.add(disabled(w.tokensPresent(parts.tokens().getAsInt())));
        menu.addSeparator();

        Menu recent = new Menu(w.recentSignatures());
        List<AuditLog.Entry> entries;
        try {
            entries = parts.audit().recent(RECENT);
        } catch (java.io.IOException e) {
            entries = List.of();
        }
        if (entries.isEmpty()) {
            recent.add(disabled(w.noneYet()));
        }
        for (AuditLog.Entry e : entries) {
            recent.add(disabled(w.signatureLine(e.time(), e.result(), e.operation(), e.document())));
        }
        menu.add(recent);

        Menu origins = new Menu(w.approvedOrigins());
        parts.itOrigins().stream().sorted().forEach(o -> origins.add(disabled(o + "  (" + w.allowedByIt() + ")")));
        if (parts.pairing() != null) {
            List<String> always;
            try {
                always = parts.pairing().approvedAlways().stream().map(PairedOrigins.Entry::origin).toList();
            } catch (RuntimeException e) {
                always = List.of(); // a damaged list is reported by kyso doctor
            }
            always.forEach(o -> origins.add(action(o, () -> parts.revoke().accept(o))));
            parts.pairing().approvedOnce().stream().sorted().forEach(o -> origins.add(
                    action(o + "  (" + w.thisRunOnly() + ")", () -> parts.revoke().accept(o))));
        }
        if (origins.getItemCount() == 0) {
            origins.add(disabled(w.noneYet()));
        }
        menu.add(origins);

        MenuItem openLog = action(w.openLog(), () -> openFolder(parts.audit().file().getParent()));
        openLog.setEnabled(Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN));
        menu.add(openLog);

        Menu language = new Menu(w.languageMenu());
        for (Language l : Language.values()) {
            CheckboxMenuItem item = new CheckboxMenuItem(l.pick("Tiếng Việt", "English"),
                    parts.language().get() == l);
            item.setName("language-" + l.code());
            item.addItemListener(e -> {
                parts.language().set(l);
                SwingUtilities.invokeLater(redraw);
            });
            language.add(item);
        }
        menu.add(language);
        menu.addSeparator();
        MenuItem quit = action(w.quit(), parts.quit());
        quit.setName("quit");
        menu.add(quit);
        return menu;
    }

    private static MenuItem disabled(String label) {
        MenuItem item = new MenuItem(label);
        item.setEnabled(false);
        return item;
    }

    private static MenuItem action(String label, Runnable run) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> run.run());
        return item;
    }

    private static void openFolder(Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
            Desktop.getDesktop().open(folder.toFile());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.info("cannot open {}: {}", folder, e.getMessage());
        }
    }

    /** The icon, drawn here: a blue rounded square with a white pen nib. */
    static BufferedImage image(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x0B, 0x4F, 0xA8));
        g.fillRoundRect(0, 0, size, size, size / 3, size / 3);
        g.setColor(Color.WHITE);
        int[] xs = {size / 2, size * 3 / 4, size / 2, size / 4};
        int[] ys = {size / 6, size / 2, size * 5 / 6, size / 2};
        g.fillPolygon(xs, ys, 4);
        g.setColor(new Color(0x0B, 0x4F, 0xA8));
        g.setStroke(new BasicStroke(Math.max(1f, size / 16f)));
        g.drawLine(size / 2, size / 3, size / 2, size * 5 / 6);
        g.fillOval(size / 2 - size / 12, size / 2 - size / 12, size / 6, size / 6);
        g.dispose();
        return image;
    }

    @Override
    public void close() {
        SwingUtilities.invokeLater(() -> {
            refresh.stop();
            SystemTray.getSystemTray().remove(icon);
        });
    }
}
