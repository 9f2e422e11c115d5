package vn.kyso.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void fillsEachLanguageFromItsOwnPartsAndWritesNumbersAsTheyAre() {
        ErrorText pairing = new ErrorText("người dùng đã cho phép thêm {0}", "{0} more approved by the user");
        ErrorText line = new ErrorText("Cổng {0}: {1}", "Port {0}'s state: {1}");

        ErrorText filled = line.filled(18443, pairing.filled(2));

        assertEquals("Cổng 18443: người dùng đã cho phép thêm 2", filled.vi());
        assertEquals("Port 18443's state: 2 more approved by the user", filled.en());
    }

    @Test
    void joinsPartsPerLanguageAndLeavesATextWithoutArgumentsAsWritten() {
        ErrorText joined = ErrorText.join(new ErrorText("a", "b"), ErrorText.EMPTY, new ErrorText("; c", "; d"));

        assertEquals(new ErrorText("a; c", "b; d"), joined);
        assertEquals(new ErrorText("IT's {x}", "IT's {x}"), new ErrorText("IT's {x}", "IT's {x}").filled());
    }
}
