package vn.kyso.token.driver;

/** C_GetSlotList answers: all slots (readers), and those with a token in them. */
public record SlotCounts(int all, int withToken) {
}
