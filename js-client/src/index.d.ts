/** Stable error code and bilingual text, as sent by Kyso Agent or raised by this client. */
export declare class KysoError extends Error {
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, messageVi: string, messageEn: string, details?: Record<string, unknown>);
  static client(code: keyof typeof CLIENT_ERRORS, details?: Record<string, unknown>, cause?: unknown): KysoError;
  static fromAgent(payload: { code: string; message_vi?: string; message_en?: string; details?: Record<string, unknown> }): KysoError;
}

export declare const CLIENT_ERRORS: Readonly<Record<'AGENT_UNREACHABLE' | 'AGENT_TIMEOUT' | 'AGENT_PROTOCOL_ERROR' | 'ORIGIN_NOT_ALLOWED', { vi: string; en: string }>>;

export declare const DEFAULT_AGENT_URL: string;

export interface AgentHealth {
  status: 'ok';
  version: string;
  protocol: number;
}

export declare function probeAgent(options?: { url?: string; timeoutMs?: number; fetchImpl?: typeof fetch }): Promise<AgentHealth>;
