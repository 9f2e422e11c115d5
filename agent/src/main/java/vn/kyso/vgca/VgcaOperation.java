package vn.kyso.vgca;

import java.util.Arrays;
import java.util.Map;

import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;

/**
 * The file operations of the old plugin, each with the act shown to the person and the key it needs: an official's
 * personal key or the organisation's "con dấu" key held by the văn thư (Nghị định 30/2020, Phụ lục I).
 */
public enum VgcaOperation {
    SignApproved("Ký phê duyệt", "Approve", false),
    SignIssued("Phát hành văn bản", "Issue", true),
    SignCopy("Ký bản sao điện tử", "Sign an electronic copy", true),
    SignAppendix("Ký văn bản kèm theo", "Sign an attachment", true),
    SignIncome("Ký số văn bản đến", "Sign an incoming document", true),
    Comment("Ký ý kiến", "Sign a comment", false);

    private final String actVi;
    private final String actEn;
    private final boolean organisationKey;

    VgcaOperation(String actVi, String actEn, boolean organisationKey) {
        this.actVi = actVi;
        this.actEn = actEn;
        this.organisationKey = organisationKey;
    }

    public String actVi() {
        return actVi;
    }

    public String actEn() {
        return actEn;
    }

    public boolean organisationKey() {
        return organisationKey;
    }

    public static VgcaOperation parse(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst().orElseThrow(() ->
                new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "operation"), null,
                        "operation must be one of " + Arrays.toString(values())));
    }
}
