package vn.kyso.desktop;

import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.Language;

/**
 * The agent's own consent window: who asks, which act, which document (name, pages, SHA-256), which certificate on
 * which token; blind hash signing carries a warning. Refusing is the default (Enter, Escape, closing, time-out).
 */
public final class ConsentDialog implements ConsentPrompt {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Supplier<Language> language;
    private final Duration timeout;

    public ConsentDialog(Supplier<Language> language, Duration timeout) {
        this.language = language;
        this.timeout = timeout;
    }

    @Override
    public Decision ask(ConsentRequest request) {
        DialogWording w = new DialogWording(language.get());
        return PromptWindow.ask(w.consentTitle(), timeout, Decision.REFUSE, w::refusedIn, answer -> {
            JButton approve = PromptWindow.button("approve", w.approve(), () -> answer.complete(Decision.APPROVE));
            JButton refuse = PromptWindow.button("refuse", w.refuse(), () -> answer.complete(Decision.REFUSE));
            return new PromptWindow.Body(content(w, request), List.of(refuse, approve), refuse, null);
        });
    }

    private static JComponent content(DialogWording w, ConsentRequest request) {
        JPanel panel = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.NORTHWEST;
        c.insets = new Insets(3, 0, 3, 12);
        c.gridx = 0;
        c.gridy = 0;
        c.gridwidth = 2;
        c.fill = GridBagConstraints.HORIZONTAL;
        JLabel headline = PromptWindow.plain(w.consentHeadline(PromptWindow.untrusted(request.operationVi(), 80),
                PromptWindow.untrusted(request.operationEn(), 80)));
        headline.setName("headline");
        headline.setFont(headline.getFont().deriveFont(Font.BOLD, headline.getFont().getSize2D() + 3f));
        headline.setBorder(BorderFactory.createEmptyBorder(0, 0, 8, 0));
        panel.add(headline, c);
        c.gridwidth = 1;
        c.fill = GridBagConstraints.NONE;

        row(panel, c, w.requestedBy(), "origin", PromptWindow.paragraph(
                w.origin(PromptWindow.untrusted(request.origin(), 200)), 44), true);
        if (!request.documents().isEmpty()) {
            row(panel, c, w.batchDocuments(request.documents().size()), "documents", batch(w, request), false);
        } else if (!request.blind()) {
            row(panel, c, w.document(), "document", PromptWindow.paragraph(
                    w.documentName(PromptWindow.untrusted(request.documentName(), 160)), 44), false);
            if (request.contents().isEmpty()) {
                row(panel, c, w.pages(), "pages", PromptWindow.plain(w.pageCount(request.pages())), false);
            } else {
                // One box for every format's lines (XML's signed element and invoice, JSON's values): read-only,
                // at most 8 rows high so a long payload scrolls instead of pushing the buttons off the screen.
                JTextArea contents = new JTextArea(String.join("\n", request.contents().stream()
                        .map(line -> PromptWindow.untrusted(line, 200)).toList()));
                contents.setEditable(false);
                contents.setLineWrap(true);
                contents.setWrapStyleWord(true);
                contents.setName("contents");
                contents.setRows(Math.min(8, request.contents().size()));
                contents.setColumns(48);
                row(panel, c, w.signedContents(), "contents-box", new JScrollPane(contents), false);
            }
        }
        JTextArea hash = new JTextArea(DialogWording.groupedHex(request.documentSha256()));
        hash.setEditable(false);
        hash.setOpaque(false);
        hash.setFont(new Font(Font.MONOSPACED, Font.PLAIN, hash.getFont().getSize()));
        row(panel, c, request.documents().isEmpty() ? w.sha256() : w.sha256OfList(), "sha256", hash, false);
        row(panel, c, w.signer(), "signer", PromptWindow.paragraph(
                PromptWindow.untrusted(DialogWording.person(request.signer()), 200), 44), false);
        row(panel, c, w.token(), "token", PromptWindow.plain(PromptWindow.untrusted(request.tokenLabel(), 64)), false);

        if (request.verification() != null) {
            ConsentRequest.Verification v = request.verification();
            c.gridx = 0;
            c.gridy++;
            c.gridwidth = 2;
            c.fill = GridBagConstraints.HORIZONTAL;
            JTextArea result = PromptWindow.paragraph(PromptWindow.untrusted(w.pick(v.resultVi(), v.resultEn()), 400),
                    52);
            result.setName("verification");
            if (!v.valid()) {
                result.setForeground(PromptWindow.WARNING);
                result.setFont(result.getFont().deriveFont(Font.BOLD));
            }
            result.setBorder(BorderFactory.createEmptyBorder(8, 0, 0, 0));
            panel.add(result, c);
            c.gridwidth = 1;
            c.fill = GridBagConstraints.NONE;
        }
        if (request.blind()) {
            c.gridx = 0;
            c.gridy++;
            c.gridwidth = 2;
            c.fill = GridBagConstraints.HORIZONTAL;
            JTextArea warning = PromptWindow.paragraph(w.blindWarning(), 52);
            warning.setName("blind-warning");
            warning.setForeground(PromptWindow.WARNING);
            warning.setFont(warning.getFont().deriveFont(Font.BOLD));
            warning.setBorder(BorderFactory.createEmptyBorder(8, 0, 0, 0));
            panel.add(warning, c);
        }
        return panel;
    }

    /** Every document of a batch, scrollable when the list is long. */
    private static JComponent batch(DialogWording w, ConsentRequest request) {
        StringBuilder text = new StringBuilder();
        int number = 1;
        for (ConsentRequest.Document d : request.documents()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(w.batchLine(number++, PromptWindow.untrusted(d.name(), 120), d.pages(), d.sha256()));
        }
        JTextArea list = new JTextArea(text.toString());
        list.setEditable(false);
        list.setName("documents-list");
        list.setRows(Math.min(8, 2 * request.documents().size()));
        list.setColumns(48);
        list.setFont(new Font(Font.MONOSPACED, Font.PLAIN, list.getFont().getSize()));
        javax.swing.JScrollPane scroll = new javax.swing.JScrollPane(list);
        return scroll;
    }

    private static void row(JPanel panel, GridBagConstraints c, String label, String name, JComponent value,
                            boolean bold) {
        c.gridy++;
        c.gridx = 0;
        JLabel key = PromptWindow.plain(label + ":");
        panel.add(key, c);
        c.gridx = 1;
        value.setName(name);
        if (bold) {
            value.setFont(value.getFont().deriveFont(Font.BOLD));
        }
        panel.add(value, c);
    }
}
