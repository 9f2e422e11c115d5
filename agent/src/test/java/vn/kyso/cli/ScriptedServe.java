package vn.kyso.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import vn.kyso.config.AgentConfig;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.errors.Language;
import vn.kyso.testpki.SoftHsmFixture;

/**
 * {@code kyso serve} — the same start as {@link ServeCommand}, same configuration file — with the person scripted:
 * every consent approved, the test tokens' PIN typed. Run by the first-signature benchmark as its own process on the
 * installed runtime and options, since no flag or variable of the product approves anything or supplies a PIN.
 *
 * <p>Usage: {@code ScriptedServe CONFIG PORT}
 */
public final class ScriptedServe {

    private ScriptedServe() {
    }

    public static void main(String[] args) throws Exception {
        AgentConfig config = AgentConfig.load(Path.of(args[0]), null);
        ConsentPrompt approve = request -> ConsentPrompt.Decision.APPROVE;
        ServeCommand.Prompts person = new ServeCommand.Prompts(false, approve,
                request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()), null,
                new AtomicReference<>(Language.of(config.uiLanguage())));
        ServeCommand.Running agent = ServeCommand.start(config, Integer.parseInt(args[1]), config.allowedOrigins(),
                person);
        System.out.println("scripted agent on port " + agent.server().port());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stop.countDown();
        }));
        stop.await();
    }
}
