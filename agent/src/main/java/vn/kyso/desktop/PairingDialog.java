package vn.kyso.desktop;

import java.awt.Font;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

import vn.kyso.errors.Language;
import vn.kyso.pairing.PairingPrompt;

/**
 * Asks whether a web page that IT did not allow may use the agent: allow this time, always, or deny. Denying is
 * the default button; Escape, closing and the time-out count as no answer.
 */
public final class PairingDialog implements PairingPrompt {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<Language> language;
    private final Duration timeout;

    public PairingDialog(Supplier<Language> language, Duration timeout) {
        this.language = language;
        this.timeout = timeout;
    }

    @Override
    public Answer ask(String origin) {
        DialogWording w = new DialogWording(language.get());
        return PromptWindow.ask(w.pairingTitle(), timeout, Answer.NO_ANSWER, w::deniedIn, answer -> {
            JLabel site = PromptWindow.plain(PromptWindow.untrusted(origin, 200));
            site.setName("origin");
            site.setFont(site.getFont().deriveFont(Font.BOLD, site.getFont().getSize2D() + 4f));
            site.setBorder(BorderFactory.createEmptyBorder(4, 12, 4, 12));
            JPanel panel = PromptWindow.column(List.of(PromptWindow.paragraph(w.pairingQuestion(), 48), site,
                    PromptWindow.paragraph(w.pairingExplanation(), 48)));
            JButton deny = PromptWindow.button("deny", w.deny(), () -> answer.complete(Answer.DENY));
            JButton once = PromptWindow.button("once", w.allowOnce(), () -> answer.complete(Answer.ONCE));
            JButton always = PromptWindow.button("always", w.allowAlways(), () -> answer.complete(Answer.ALWAYS));
            return new PromptWindow.Body(panel, List.of(deny, once, always), deny, null);
        });
    }
}
