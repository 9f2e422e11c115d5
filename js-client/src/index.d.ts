/** Stable error code and bilingual text, as sent by Kyso Agent or raised by this client. */
export declare class KysoError extends Error {
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, messageVi: string, messageEn: string, details?: Record<string, unknown>);
  static client(code: ClientErrorCode, details?: Record<string, unknown>, cause?: unknown): KysoError;
  static fromAgent(payload: { code: string; message_vi?: string; message_en?: string; details?: Record<string, unknown> }): KysoError;
}

export type ClientErrorCode = 'AGENT_UNREACHABLE' | 'LOCAL_NETWORK_ACCESS_DENIED' | 'AGENT_TIMEOUT' |
  'AGENT_PROTOCOL_ERROR' | 'AGENT_CONNECTION_LOST' | 'ORIGIN_NOT_ALLOWED' | 'DOCUMENT_TRANSFER_FAILED' | 'INVALID_ARGUMENT'
  | 'CLIENT_SCRIPT_LOAD_FAILED';

export declare const CLIENT_ERRORS: Readonly<Record<ClientErrorCode, { vi: string; en: string }>>;

export declare const DEFAULT_AGENT_URL: string;
/** The agent's first port (18443) and the size of its port range (10): one agent per OS user on a shared machine. */
export declare const AGENT_FIRST_PORT: number;
export declare const AGENT_PORTS: number;
/** This user's agent: the first port of the range whose health answers (other users' agents refuse with 403). */
export declare function findAgent(options?: { firstPort?: number; ports?: number; timeoutMs?: number; fetchImpl?: typeof fetch }): Promise<{ url: string; health: AgentHealth }>;

export interface AgentHealth {
  status: 'ok';
  version: string;
  protocol: number;
}

export declare function probeAgent(options?: { url?: string; timeoutMs?: number; fetchImpl?: typeof fetch }): Promise<AgentHealth>;

/** True when Chrome's Local Network Access permission is known to be denied for this (non-loopback) page. */
export declare function localNetworkAccessDenied(): Promise<boolean>;

export type DocumentInput = Blob | ArrayBuffer | ArrayBufferView;
export type HashInput = ArrayBuffer | ArrayBufferView | string;
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
export type Preset = 'invisible' | 'approve' | 'initial' | 'issue' | 'copy' | 'attachment' | 'digitised';

export interface Progress {
  phase: 'upload' | 'sign' | 'download' | 'done';
  loaded?: number;
  total?: number;
  documentId?: string;
  /** batch only */
  index?: number;
  batchId?: string;
  status?: 'SIGNED' | 'FAILED';
}

export interface ConnectOptions {
  /** The agent's base URL; http://127.0.0.1:18443 by default. */
  url?: string;
  /** Reopen the connection when the agent restarts (default true). */
  reconnect?: boolean;
  /** Time allowed for the probe, the socket and quick methods; signing waits for the person without limit. */
  timeoutMs?: number;
}

export interface AgentInfo {
  product: string;
  version: string;
  protocol: number;
  methods: string[];
  /** The methods that ask the person (consent or PIN dialog); absent from agents older than this field. */
  askingMethods?: string[];
  caller: string;
  maxDocumentBytes: number;
  limits?: Record<string, number>;
}

export interface Certificate {
  id: string;
  label: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  keyAlgorithm: string;
  keyBits: number;
  keyUsage: string[];
  algorithms: string[];
  ckaId: string;
  /** whether the private key was seen on the token; hidden tokens show it only after login */
  privateKey: 'FOUND' | 'MISSING' | 'UNKNOWN_UNTIL_LOGIN';
  /** the workflows it serves; 'ca' for a certification authority's certificate, never used to sign */
  usage: 'personal' | 'organisation' | 'ca';
  /** a Sub CA or Root CA stored on the token (basicConstraints cA, or keyCertSign without a signing usage) */
  ca: boolean;
  /** now against the validity period, or 'revoked' once OCSP/CRL said so; shown before the person picks */
  status: 'valid' | 'expired' | 'notYetValid' | 'revoked';
  /**
   * OCSP, then CRL, checked by the agent in the background: 'unknown' until answered and while OCSP/CRL cannot be
   * reached (offline), never 'good' without an answer. CA certificates and those outside their validity period are
   * not checked (they cannot sign anyway).
   */
  revocation: {
    status: 'good' | 'revoked' | 'unknown';
    /** where a good or revoked answer came from */
    source: 'ONLINE_OCSP' | 'ONLINE_CRL' | null;
    /** ISO-8601 time of the answer; null while not checked yet */
    checkedAt: string | null;
    reason: string | null;
  };
  /** not a CA, a private key that may be present, valid now, and not known revoked */
  signable: boolean;
  token: { id: string; label: string };
}

export interface SignPdfOptions {
  certificateId: string;
  preset?: Preset;
  /** The preset's parameters: titleLine, nameLine, documentNumber, numberLabel, dateLabel, issueDate, afterText,
   * widthMm, sealWidthMm, copyForm, organisation; for 'incoming' (the 50 × 35 mm dấu "ĐẾN"): organisation, numberIn,
   * forwardTo, fileNumber. */
  placement?: Record<string, string | number>;
  /** The signature or seal image (transparent PNG). */
  images?: { image?: DocumentInput };
  metadata?: { reason?: string; location?: string };
  level?: PadesLevel;
  /** Shown in the consent dialog; a File's name by default. */
  name?: string;
}

export interface SignedPdf {
  documentId: string;
  size: number;
  sha256: string;
  level: PadesLevel;
  warnings: unknown[];
  /** The agent's verification of its own output (same shape as verifyPdf). */
  verification: VerificationReport;
  bytes: Uint8Array;
}

export interface BatchItem extends Omit<SignPdfOptions, 'certificateId' | 'level'> {
  document: DocumentInput;
}

export interface BatchItemResult {
  documentId: string;
  name: string;
  status: 'SIGNED' | 'FAILED';
  signedDocumentId?: string;
  size?: number;
  sha256?: string;
  level?: PadesLevel;
  bytes?: Uint8Array;
  error?: KysoError;
}

export interface BatchResult {
  batchId: string;
  items: BatchItemResult[];
  complete: boolean;
  /** Signs the items not yet signed, in the same batch (a new consent for them). */
  resume(): Promise<BatchResult>;
  /** Frees the documents kept for resuming. */
  discard(): Promise<void>;
}

export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

export interface SignatureReport {
  fieldName: string;
  documentTimestamp: boolean;
  indication: Indication;
  subIndication: string | null;
  reason: string | null;
  signer: { name: string; organisation: string; subject: string; issuer: string; serialHex: string;
    certificateType: 'PERSONAL' | 'ORGANISATION'; notBefore: string; notAfter: string; keyAlgorithm: string; keyBits: number } | null;
  signingTime: { time: string; source: 'TIMESTAMP' | 'CLAIMED' | 'VERIFICATION_TIME'; claimed: string | null; localTimeSkew: boolean } | null;
  /** The format level as EU DSS names it: 'PAdES-BASELINE-B' | 'PAdES-BASELINE-T' | 'PAdES-BASELINE-LT' |
   *  'PAdES-BASELINE-LTA' | 'PAdES-BES' | 'PAdES-EPES' | 'PAdES-LTV' | 'PKCS7-B' | 'PKCS7-T' | 'PKCS7-LT' |
   *  'PKCS7-LTA' | 'PDF-NOT-ETSI' | 'CAdES-BASELINE-B' | … | 'CMS-NOT-ETSI' | 'JAdES-BASELINE-B' | … |
   *  'JAdES-BASELINE-LTA' | 'JSON-NOT-ETSI' (a JWS without JAdES properties) | 'NONE' (a document time-stamp). */
  level: string;
  /** Why the level is not higher (e.g. LEVEL_NO_VALIDATION_DATA_TSA), in both languages. */
  levelGaps: Array<{ code: string; detail: string; messageVi: string; messageEn: string }>;
  revocation: { status: 'GOOD' | 'REVOKED' | 'UNKNOWN' | 'NOT_CHECKED'; source: string; revocationTime: string | null;
    evidenceTime: string | null; detail: string | null } | null;
  timestamp: { time: string; tsaName: string; digestAlgorithm: string; valid: boolean; problem: string | null;
    tsaRevocationSource: string | null } | null;
  coversWholeDocument: boolean;
  changesAfter: Array<{ kind: string; where: string; allowed: boolean }>;
  warnings: string[];
  [key: string]: unknown;
}

export interface VerificationReport {
  indication: Indication;
  error: string | null;
  errorDetail: string | null;
  verifiedAt: string;
  signatures: SignatureReport[];
}

/** The JAdES (ETSI TS 119 182-1) level asked for; a plain JWS has none. */
export type JadesLevel = 'B-B' | 'B-T' | 'B-LT';

export interface SignJsonOptions {
  certificateId: string;
  /** The JSON: bytes, a Blob, a string (UTF-8) or any other object (sent as its JSON text). */
  document: DocumentInput | string | object;
  name?: string;
  /** Default 'jades'. */
  format?: 'jades' | 'jws';
  /** Default B-LT in flattened JSON, B-B in compact (compact has no room for time-stamps). */
  level?: JadesLevel;
  /** Default 'flattened'. */
  serialization?: 'flattened' | 'compact';
  /** The payload is left out of the result (JAdES binds it by its digest in sigD). */
  detached?: boolean;
  /** RS256/384/512, PS256/384/512, ES256/384/512; default RS256 for RSA keys, the curve's ES for EC keys. */
  algorithm?: string;
}

export interface SignedJson {
  /** The compact string or the flattened JSON text. */
  jws: string;
  bytes: Uint8Array;
  /** As verifyJson reports it (EU DSS's names): a plain JWS is "JSON-NOT-ETSI". */
  level: 'JSON-NOT-ETSI' | 'JAdES-BASELINE-B' | 'JAdES-BASELINE-T' | 'JAdES-BASELINE-LT';
  serialization: 'flattened' | 'compact';
  detached: boolean;
  /** The JSON's values as the consent dialog showed them ("path: value"). */
  summary: string[];
  certificate: Uint8Array;
  warnings: string[];
}

/** What an XML signature covers: the Reference URI, the element's path ("/HDon/DLHDon") or file name, its Id. */
export interface SignedNode {
  uri: string;
  path: string;
  id: string | null;
}

/** An e-invoice as the agent reads it from the signed DLHDon. */
export interface InvoiceSummary {
  number: string;
  seller: string;
  buyer: string;
  total: string;
}

export type XadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

export interface SignXmlOptions {
  certificateId: string;
  name?: string;
  /** xmldsig (default: the e-invoice layout) or xades */
  format?: 'xmldsig' | 'xades';
  /** XAdES only; B-T when not given */
  level?: XadesLevel;
  packaging?: 'enveloped' | 'enveloping' | 'detached';
  /** enveloped: the element the signature goes under (exactly one must match) */
  xpath?: string;
  /** enveloped: the Id of the element to sign */
  referenceId?: string;
  canonicalization?: 'inclusive' | 'exclusive';
  signatureAlgorithm?: string;
  mimeType?: string;
  onProgress?: (p: Progress) => void;
}

export interface SignedXml {
  bytes: Uint8Array;
  format: 'xmldsig' | 'xades';
  level: XadesLevel | null;
  signatureId: string;
  signedNodes: SignedNode[];
  invoice: InvoiceSummary | null;
  certificate: Uint8Array;
  warnings: string[];
}

export interface JsonVerificationReport extends VerificationReport {
  /** What the signed JSON says; null when the payload is not JSON or was not given. */
  payload: { lines: string[]; values: number } | null;
}

export interface XmlSignatureFacts {
  signatureId: string;
  path: string;
  xades: boolean;
  signedNodes: SignedNode[];
  invoice: InvoiceSummary | null;
}

export interface XmlVerificationReport extends VerificationReport {
  /** index for index with signatures */
  xmlSignatures: XmlSignatureFacts[];
}

export interface AgentEvents {
  'token.inserted': { id: string; label: string };
  'token.removed': { id: string; label: string };
  'document.progress': { documentId: string; received: number };
  'document.received': { documentId: string; size: number; sha256: string };
  'document.error': { documentId: string; code: string; message_vi: string; message_en: string };
  'batch.progress': { batchId: string; index: number; total: number; documentId: string; status: 'SIGNED' | 'FAILED' };
  'connection.lost': { code: number };
  'connection.restored': { version: string };
}

export declare class KysoAgent {
  constructor(options?: ConnectOptions);
  readonly url: string;
  readonly health: AgentHealth | null;
  readonly connected: boolean;
  open(): Promise<void>;
  close(): void;
  on<E extends keyof AgentEvents>(event: E, handler: (data: AgentEvents[E]) => void): () => void;
  on(event: string, handler: (data: any) => void): () => void;
  call<T = unknown>(method: string, params?: Record<string, unknown>, options?: { timeoutMs?: number }): Promise<T>;
  info(): Promise<AgentInfo>;
  /** True when `method` waits for the person (from the agent's `info`, or a built-in list with older agents). */
  asksThePerson(method: string): boolean;
  tokens(): Promise<{ drivers: unknown[]; tokens: Array<{ id: string; label: string; certificates: Omit<Certificate, 'token'>[]; [key: string]: unknown }> }>;
  certificates(options?: { all?: boolean }): Promise<Certificate[]>;
  upload(input: DocumentInput, options?: { name?: string; onProgress?: (p: Progress) => void }): Promise<{ documentId: string; size: number; sha256: string }>;
  download(documentId: string): Promise<{ documentId: string; bytes: Uint8Array; size: number; sha256: string }>;
  remove(documentId: string): Promise<void>;
  signPdf(document: DocumentInput, options: SignPdfOptions, callbacks?: { onProgress?: (p: Progress) => void }): Promise<SignedPdf>;
  batch(items: BatchItem[], options: { certificateId: string; level?: PadesLevel; batchId?: string },
    callbacks?: { onProgress?: (p: Progress) => void }): Promise<BatchResult>;
  signHash(options: { certificateId: string; hash: HashInput; hashAlgorithm?: 'SHA-256' | 'SHA-384' | 'SHA-512';
    signatureAlgorithm?: string }): Promise<{ signature: Uint8Array; certificate: Uint8Array; algorithm: string }>;
  verifyPdf(document: DocumentInput, options?: { name?: string; onProgress?: (p: Progress) => void }): Promise<VerificationReport>;
  signCms(options: { certificateId: string; document?: DocumentInput; hash?: HashInput; hashAlgorithm?: string;
    level?: 'B-B' | 'B-T'; contentName?: string }): Promise<{ cms: Uint8Array; level: string; certificate: Uint8Array }>;
  verifyCms(options: { cms: HashInput; document?: DocumentInput; hash?: HashInput; hashAlgorithm?: string }): Promise<VerificationReport>;
  signJson(options: SignJsonOptions): Promise<SignedJson>;
  verifyJson(options: { jws: DocumentInput | string; payload?: DocumentInput | string | object }): Promise<JsonVerificationReport>;
  signXml(document: DocumentInput, options: SignXmlOptions): Promise<SignedXml>;
  verifyXml(document: DocumentInput, options?: { name?: string; detached?: DocumentInput; detachedName?: string;
    onProgress?: (p: Progress) => void }): Promise<XmlVerificationReport>;
}

/** The sign.xml params for these options; throws KysoError INVALID_ARGUMENT (details.param) for an unsound one. */
export declare function xmlSignParams(options?: Omit<SignXmlOptions, 'certificateId' | 'name' | 'onProgress'>): Record<string, string>;

/** Probes the agent (health first, for Chrome's Local Network Access prompt), then opens the WebSocket. */
export declare function connect(options?: ConnectOptions): Promise<KysoAgent>;

/** Used when the agent's `info` does not list its asking methods (agents older than `askingMethods`). */
export declare const ASKING_METHODS_FALLBACK: readonly string[];
/** The methods that ask the person, from an `info` answer; the fallback list when it does not say. */
export declare function askingMethods(info: Partial<AgentInfo> | null | undefined): Set<string>;

export declare function toBase64(bytes: Uint8Array): string;
export declare function fromBase64(text: string): Uint8Array;
export declare function sha256Hex(bytes: Uint8Array): Promise<string | null>;
