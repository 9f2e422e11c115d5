package vn.kyso.pdf.appearance;

/** Hình thức sao (Nghị định 30/2020, Điều 25): printed as written here, in capitals. */
public enum CopyForm {
    SAO_Y("SAO Y"),
    SAO_LUC("SAO LỤC"),
    TRICH_SAO("TRÍCH SAO");

    private final String label;

    CopyForm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
