package vn.kyso.desktop;

import java.awt.Font;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.JTextArea;

import vn.kyso.errors.Language;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.PinRequest;

/**
 * The only place a PIN is typed: the agent's own window, naming the token and the certificate, with the token's
 * wrong-PIN warnings in red. For a token with a PIN pad there is no field: the person types on the device and
 * presses Continue. The returned array goes to the token layer, which wipes it; the field is cleared at once.
 */
public final class PinDialog implements PinPrompt {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Supplier<Language> language;
    private final Duration timeout;

    public PinDialog(Supplier<Language> language, Duration timeout) {
        this.language = language;
        this.timeout = timeout;
    }

    @Override
    public Optional<char[]> requestPin(PinRequest request) {
        DialogWording w = new DialogWording(language.get());
        String label = PromptWindow.untrusted(request.token().label(), 64);
        return PromptWindow.ask(w.pinTitle(), timeout, Optional.<char[]>empty(), w::cancelledIn, answer -> {
            List<JComponent> rows = new java.util.ArrayList<>();
            String warning = w.pinWarning(request.warning());
            if (warning != null) {
                JTextArea red = PromptWindow.paragraph(warning, 40);
                red.setName("warning");
                red.setForeground(PromptWindow.WARNING);
                red.setFont(red.getFont().deriveFont(Font.BOLD));
                rows.add(red);
            }
            if (request.certificateSubject() != null) {
                JLabel certificate = PromptWindow.plain(PromptWindow.untrusted(
                        w.pinForCertificate(request.certificateSubject()), 160));
                certificate.setName("certificate");
                rows.add(certificate);
            }
            JButton cancel = PromptWindow.button("cancel", w.cancel(), () -> answer.complete(Optional.empty()));
            if (request.protectedAuthenticationPath()) {
                JTextArea pad = PromptWindow.paragraph(w.pinPadPrompt(label), 40);
                pad.setName("pin-pad");
                rows.add(pad);
                JButton proceed = PromptWindow.button("ok", w.proceed(),
                        () -> answer.complete(Optional.of(new char[0])));
                return new PromptWindow.Body(PromptWindow.column(rows), List.of(cancel, proceed), proceed,
                        null);
            }
            JLabel prompt = PromptWindow.plain(w.pinPrompt(label));
            prompt.setName("prompt");
            rows.add(prompt);
            JPasswordField field = new JPasswordField(16);
            field.setName("pin");
            rows.add(field);
            JLabel note = PromptWindow.plain(w.pinNeverShared());
            note.setFont(note.getFont().deriveFont(note.getFont().getSize2D() - 1f));
            rows.add(note);
            JButton ok = PromptWindow.button("ok", w.ok(), () -> {
                char[] pin = field.getPassword();
                if (pin.length == 0) {
                    return; // an empty PIN would mean "PIN pad" to the token layer
                }
                field.setText("");
                if (!answer.complete(Optional.of(pin))) {
                    Arrays.fill(pin, '\0'); // timed out meanwhile: nobody will use it
                }
            });
            answer.whenComplete((value, error) -> javax.swing.SwingUtilities.invokeLater(() -> field.setText("")));
            return new PromptWindow.Body(PromptWindow.column(rows), List.of(cancel, ok), ok, field);
        });
    }
}
