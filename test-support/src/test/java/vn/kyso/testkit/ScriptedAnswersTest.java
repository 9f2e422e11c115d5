package vn.kyso.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ScriptedAnswersTest {

    @Test
    void queuedAnswersComeFirstInOrderThenTheStandingOneAndEveryQuestionIsKept() {
        ScriptedAnswers<String, String> pin = ScriptedAnswers.<String, String>always("123456").then("000000")
                .then(null);

        assertEquals("000000", pin.answer("first"));
        assertNull(pin.answer("second"), "a scripted cancel");
        assertEquals("123456", pin.answer("third"));
        pin.standing("654321");
        assertEquals("654321", pin.answer("fourth"));
        assertEquals(List.of("first", "second", "third", "fourth"), pin.asked());
        assertEquals(4, pin.count());

        pin.reset("123456");
        assertEquals(0, pin.count());
        assertEquals("123456", pin.answer("again"));
    }

    @Test
    void aWaitingDialogTakesAnAnswerQueuedWhileItIsOpenOrGivesNoAnswerWhenTheWaitRunsOut() throws Exception {
        ScriptedAnswers<String, String> pairing = ScriptedAnswers.waiting(Duration.ofSeconds(10), "NO_ANSWER");
        CompletableFuture<String> asked = CompletableFuture.supplyAsync(() -> pairing.answer("https://a.example"));
        while (pairing.count() == 0) {
            Thread.sleep(5);
        }
        pairing.then("ALWAYS");
        assertEquals("ALWAYS", asked.get(10, TimeUnit.SECONDS));

        ScriptedAnswers<String, String> impatient = ScriptedAnswers.waiting(Duration.ofMillis(50), "NO_ANSWER");
        assertEquals("NO_ANSWER", impatient.answer("https://b.example"));
    }

    @Test
    void aHeldDialogStaysOpenUntilReleasedAndAnInterruptedOneIsUnanswered() throws Exception {
        ScriptedAnswers<String, String> consent = ScriptedAnswers.<String, String>always("APPROVE")
                .unanswered("REFUSE");
        consent.hold();
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> consent.answer("sign"));
        while (consent.count() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertTrue(!held.isDone(), "the person has not answered yet");
        consent.release();
        assertEquals("APPROVE", held.get(10, TimeUnit.SECONDS));

        consent.hold();
        String[] answer = new String[1];
        Thread dialog = new Thread(() -> answer[0] = consent.answer("sign again"));
        dialog.start();
        while (consent.count() < 2) {
            Thread.sleep(5);
        }
        dialog.interrupt();
        dialog.join(10_000);
        assertEquals("REFUSE", answer[0]);
        consent.release();
    }
}
