package vn.kyso.desktop;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongFunction;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * One of the agent's own prompts: a topmost, focused window that is not modal (nothing else of the agent is blocked)
 * but blocks the thread that asked — a server worker, never the Swing thread — until the person answers, closes it
 * or the time runs out. Buttons react only after a short delay, so a click or key press aimed at something else the
 * moment the window appears (or scripted clicking) does not answer it.
 */
final class PromptWindow {

    /** Name of every prompt window, so tests and tools can find them. */
    static final String NAME = "kyso-prompt";
    static final Duration ARM_DELAY = Duration.ofMillis(600);
    static final Color WARNING = new Color(0xB0, 0x00, 0x20);

    /**
     * What a dialog puts into the window.
     *
     * @param content       the middle of the window
     * @param buttons       left to right; enabled after {@link #ARM_DELAY}
     * @param defaultButton pressed by Enter (the safe choice for consent and pairing)
     * @param focus         receives the keyboard focus (the PIN field), or null for the default button
     */
    record Body(JComponent content, List<JButton> buttons, JButton defaultButton, JComponent focus) {
    }

    private PromptWindow() {
    }

    /**
     * Shows the window built by {@code body} and waits for its answer.
     *
     * @param noAnswer  returned on timeout, Escape or closing the window
     * @param countdown the line under the buttons for the seconds left
     */
    static <T> T ask(String title, Duration timeout, T noAnswer, LongFunction<String> countdown,
                     Function<CompletableFuture<T>, Body> body) {
        if (SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("a prompt must never block the Swing event thread");
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> {
            try {
                open(title, timeout, noAnswer, countdown, body.apply(answer), answer);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.complete(noAnswer);
            return answer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.complete(noAnswer);
            return answer.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the prompt could not be shown", e.getCause());
        }
    }

    private static <T> void open(String title, Duration timeout, T noAnswer, LongFunction<String> countdown,
                                 Body body, CompletableFuture<T> answer) {
        JDialog window = new JDialog((java.awt.Frame) null, title, false);
        window.setName(NAME);
        window.setAlwaysOnTop(true);
        window.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        window.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                answer.complete(noAnswer);
            }
        });
        window.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                .put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "no-answer");
        window.getRootPane().getActionMap().put("no-answer", new AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                answer.complete(noAnswer);
            }
        });

        JPanel root = new JPanel(new BorderLayout(0, 12));
        root.setBorder(BorderFactory.createEmptyBorder(16, 18, 12, 18));
        root.add(body.content(), BorderLayout.CENTER);
        JPanel south = new JPanel(new BorderLayout());
        long deadline = System.nanoTime() + timeout.toNanos();
        JLabel left = plain(countdown.apply(secondsLeft(deadline)));
        left.setName("countdown");
        left.setFont(left.getFont().deriveFont(Font.PLAIN, left.getFont().getSize2D() - 1f));
        left.setForeground(Color.DARK_GRAY);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 8, 0));
        body.buttons().forEach(b -> {
            b.setEnabled(false);
            buttons.add(b);
        });
        south.add(left, BorderLayout.WEST);
        south.add(buttons, BorderLayout.EAST);
        root.add(south, BorderLayout.SOUTH);
        window.setContentPane(root);
        window.getRootPane().setDefaultButton(body.defaultButton());

        Timer arm = new Timer((int) ARM_DELAY.toMillis(), e -> body.buttons().forEach(b -> b.setEnabled(true)));
        arm.setRepeats(false);
        Timer tick = new Timer(1000, e -> left.setText(countdown.apply(secondsLeft(deadline))));
        answer.whenComplete((value, error) -> SwingUtilities.invokeLater(() -> {
            arm.stop();
            tick.stop();
            window.dispose();
        }));

        window.pack();
        window.setMinimumSize(window.getSize());
        window.setLocationRelativeTo(null);
        window.setVisible(true);
        window.toFront();
        (body.focus() != null ? body.focus() : body.defaultButton()).requestFocusInWindow();
        arm.start();
        tick.start();
    }

    private static long secondsLeft(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime() + 999_999_999L));
    }

    /** A label that shows its text literally: Swing would render text starting with "<html>" as HTML. */
    static JLabel plain(String text) {
        JLabel label = new JLabel();
        label.putClientProperty("html.disable", Boolean.TRUE);
        label.setText(text);
        return label;
    }

    /** Wrapped, read-only, literal text (page-supplied names end up here, never in HTML). */
    static JTextArea paragraph(String text, int columns) {
        JTextArea area = new JTextArea(text);
        area.setColumns(columns);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setEditable(false);
        area.setFocusable(false);
        area.setOpaque(false);
        area.setBorder(null);
        area.setFont(new JLabel().getFont());
        // a wrapped text area reports its real height only once it knows its width
        area.setSize(area.getPreferredSize().width, Short.MAX_VALUE);
        return area;
    }

    /** Components one under the other, each as wide as the widest, with a little space between. */
    static JPanel column(List<? extends JComponent> rows) {
        JPanel panel = new JPanel(new java.awt.GridBagLayout());
        java.awt.GridBagConstraints c = new java.awt.GridBagConstraints();
        c.gridx = 0;
        c.gridy = 0;
        c.weightx = 1;
        c.fill = java.awt.GridBagConstraints.HORIZONTAL;
        c.anchor = java.awt.GridBagConstraints.NORTHWEST;
        c.insets = new java.awt.Insets(0, 0, 8, 0);
        for (JComponent row : rows) {
            panel.add(row, c);
            c.gridy++;
        }
        return panel;
    }

    static JButton button(String name, String text, Runnable action) {
        JButton button = new JButton();
        button.putClientProperty("html.disable", Boolean.TRUE);
        button.setText(text);
        button.setName(name);
        button.addActionListener(e -> action.run());
        return button;
    }

    /** Page-supplied text: control characters removed (no fake extra lines), at most {@code max} characters. */
    static String untrusted(String text, int max) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]", " ")
                .strip();
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
