package vn.kyso.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads logs written by agents before version 2 of the log format, whose hash covers the parsed JSON of a line
 * rather than its bytes. Kept so an older log stays verifiable after the agent renamed it aside; such a log is
 * reported intact only with a warning that a line can be changed in ways its hash does not see.
 */
final class LegacyChain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyChain() {
    }

    /** @param head the old head ({@code seq hash}) or null */
    static AuditLog.Verification verify(Path file, String head) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String prev = AuditLog.GENESIS;
        long seq = 0;
        for (int i = 0; i < lines.size(); i++) {
            long lineNo = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                return AuditLog.Verification.broken(seq, lineNo, "dòng không phải JSON", "not JSON");
            }
            if (!(node instanceof ObjectNode line) || !line.has("hash") || !line.has("prev") || !line.has("seq")) {
                return AuditLog.Verification.broken(seq, lineNo, "thiếu trường", "missing fields");
            }
            if (line.get("seq").asLong() != seq + 1 || !line.get("prev").asText().equals(prev)) {
                return AuditLog.Verification.broken(seq, lineNo, "chuỗi liên kết bị đứt (dòng bị xóa hoặc đổi chỗ)",
                        "the chain is broken (lines deleted or reordered)");
            }
            String stated = line.get("hash").asText();
            ObjectNode withoutHash = line.deepCopy();
            withoutHash.remove("hash");
            if (!AuditLog.sha256(withoutHash.toString().getBytes(StandardCharsets.UTF_8)).equals(stated)) {
                return AuditLog.Verification.broken(seq, lineNo, "nội dung không khớp mã băm (đã bị sửa)",
                        "content does not match its hash (edited)");
            }
            prev = stated;
            seq++;
        }
        if (head == null) {
            return AuditLog.Verification.broken(seq, seq + 1, "nhật ký định dạng cũ không có tệp head",
                    "a log of the first format without its head");
        }
        String[] parts = head.split(" ");
        if (parts.length != 2 || Long.parseLong(parts[0]) != seq || !parts[1].equals(prev)) {
            return AuditLog.Verification.broken(seq, seq + 1, "nhật ký dừng ở mục " + seq + " nhưng tệp head ghi khác "
                    + "(dòng cuối bị cắt)", "the log ends at entry " + seq + " but its head says otherwise (lines cut"
                    + " off the end)");
        }
        return new AuditLog.Verification(true, seq, 0, "định dạng cũ (phiên bản 1): mã băm không bao trùm từng byte",
                "first format (version 1): the hash does not cover every byte");
    }
}
