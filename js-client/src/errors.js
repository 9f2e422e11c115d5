// Stable error codes shared with the agent. A web app branches on `code`; people read `messageVi` / `messageEn`.

/** Errors raised by the client itself, before or without an answer from the agent. */
export const CLIENT_ERRORS = Object.freeze({
  AGENT_UNREACHABLE: {
    vi: 'Không kết nối được với Kyso Agent trên máy này. Hãy kiểm tra Kyso Agent đang chạy và trang web này đã được ' +
      'bộ phận CNTT cho phép. Nếu dùng Chrome/Edge, hãy cho phép trang truy cập "thiết bị trong mạng cục bộ" ' +
      '(Local Network Access) khi trình duyệt hỏi.',
    en: 'Cannot reach Kyso Agent on this computer. Check that Kyso Agent is running and that your IT department ' +
      'allowed this web page. In Chrome/Edge, allow the page to access local network devices (Local Network ' +
      'Access) when the browser asks.'
  },
  LOCAL_NETWORK_ACCESS_DENIED: {
    vi: 'Trình duyệt đang chặn trang này truy cập Kyso Agent trên máy (quyền "Local Network Access" của Chrome/Edge ' +
      'bị từ chối). Bấm biểu tượng ổ khóa cạnh địa chỉ trang, cho phép "Thiết bị trong mạng cục bộ" rồi tải lại ' +
      'trang, hoặc nhờ bộ phận CNTT cấp quyền bằng chính sách LocalNetworkAccessAllowedForUrls.',
    en: 'The browser blocks this page from reaching Kyso Agent on this computer (Chrome/Edge "Local Network Access" ' +
      'permission denied). Click the padlock next to the address, allow "Local network devices" and reload, or ask ' +
      'IT to allow the page with the LocalNetworkAccessAllowedForUrls policy.'
  },
  AGENT_TIMEOUT: {
    vi: 'Kyso Agent không trả lời kịp thời.',
    en: 'Kyso Agent did not answer in time.'
  },
  AGENT_PROTOCOL_ERROR: {
    vi: 'Kyso Agent trả lời không đúng giao thức (phiên bản không tương thích?).',
    en: 'Kyso Agent answered outside the protocol (incompatible version?).'
  },
  AGENT_CONNECTION_LOST: {
    vi: 'Mất kết nối với Kyso Agent. Thao tác đang làm đã bị hủy; hãy thử lại.',
    en: 'The connection to Kyso Agent was lost. The operation in progress was cancelled; please try again.'
  },
  ORIGIN_NOT_ALLOWED: {
    vi: 'Trang web này chưa được phép dùng Kyso Agent. Liên hệ bộ phận CNTT để được cấp quyền.',
    en: 'This web page is not allowed to use Kyso Agent. Ask your IT department to allow it.'
  },
  DOCUMENT_TRANSFER_FAILED: {
    vi: 'Truyền tài liệu giữa trang và Kyso Agent bị lỗi (kích thước hoặc mã băm không khớp).',
    en: 'Transferring the document between the page and Kyso Agent failed (size or hash mismatch).'
  },
  INVALID_ARGUMENT: {
    vi: 'Tham số gọi thư viện không hợp lệ.',
    en: 'Invalid argument to the client library.'
  },
  // Answered by vgca-compat.js itself (which carries the same texts) when it cannot load the rest of the client.
  CLIENT_SCRIPT_LOAD_FAILED: {
    vi: 'Không tải được thư viện Kyso Agent (vgca-legacy.js) đặt cùng thư mục với vgca-compat.js. Hãy báo ' +
      'bộ phận quản trị hệ thống kiểm tra các tệp của thư viện trên máy chủ.',
    en: 'Could not load the Kyso Agent library (vgca-legacy.js) from the folder of vgca-compat.js. Ask the ' +
      'system administrators to check the library files on the server.'
  }
});

export class KysoError extends Error {
  /**
   * @param {string} code stable code, e.g. PIN_INCORRECT
   * @param {string} messageVi Vietnamese text
   * @param {string} messageEn English text
   * @param {object} [details] machine-readable details from the agent
   */
  constructor (code, messageVi, messageEn, details = {}) {
    super(`${code}: ${messageEn}`);
    this.name = 'KysoError';
    this.code = code;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
    this.details = details;
  }

  /** Builds the error for one of the client's own codes. */
  static client (code, details = {}, cause = undefined) {
    const text = CLIENT_ERRORS[code];
    if (!text) throw new TypeError(`unknown client error code ${code}`);
    const error = new KysoError(code, text.vi, text.en, details);
    if (cause !== undefined) error.cause = cause;
    return error;
  }

  /** Builds the error the agent sent: `{code, message_vi, message_en, details}`. */
  static fromAgent (payload) {
    if (!payload || typeof payload.code !== 'string') {
      return KysoError.client('AGENT_PROTOCOL_ERROR', { payload });
    }
    return new KysoError(payload.code, String(payload.message_vi ?? ''), String(payload.message_en ?? ''),
      payload.details ?? {});
  }
}
