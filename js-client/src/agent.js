// The connection to Kyso Agent: protocol v1 over one WebSocket (docs/protocol.md), documents as binary frames.
import { KysoError } from './errors.js';
import { probeAgent, findAgent, DEFAULT_AGENT_URL } from './health.js';
import { toBytes, toBase64, fromBase64, uuidToBytes, bytesToUuid, sha256Hex } from './bytes.js';
import { xmlSignParams } from './xml.js';

const ID_BYTES = 16;
/** Content bytes per binary frame; the agent accepts frames of up to 1 MiB including the 16-byte id. */
const CHUNK = 512 * 1024;
/** Sending pauses while this much is queued in the socket, so a large upload never sits whole in memory twice. */
const HIGH_WATER = 4 * 1024 * 1024;
const PROTOCOL = 1;

/**
 * Methods that wait for a person (consent dialog, PIN) are never timed out by the client. The agent's `info` says
 * which they are (`askingMethods`); this list is used only with an agent older than that answer.
 */
export const ASKING_METHODS_FALLBACK = Object.freeze(['sign.hash', 'sign.pdf', 'sign.pdf.batch', 'sign.cms', 'sign.xml',
  'vgca.sign', 'vgca.signXml', 'vgca.signFile', 'vgca.signFiles', 'vgca.signMsg']);
/** Asks nobody, but prepares a whole document (revocation, time-stamp data): not held to the quick methods' limit. */
const UNTIMED_METHODS = new Set(['pdf.prepare']);

/**
 * The methods that ask the person, from an `info` answer; the fallback list when the agent does not say (older
 * agents) or says it in a shape this client does not understand.
 * @param {any} info
 * @returns {Set<string>}
 */
export function askingMethods (info) {
  const listed = info?.askingMethods;
  if (Array.isArray(listed) && listed.every((name) => typeof name === 'string')) return new Set(listed);
  return new Set(ASKING_METHODS_FALLBACK);
}

/**
 * Opens a connection to the agent: the health probe first (so Chrome asks its Local Network Access question for a
 * request the page can explain), then the WebSocket.
 *
 * @param {object} [options]
 * @param {string} [options.url] the agent's base URL, `http://127.0.0.1:18443` by default
 * @param {boolean} [options.reconnect] reopen the connection after the agent restarts (default true)
 * @param {number} [options.timeoutMs] time allowed for the probe, the socket and quick methods (default 10 s)
 * @returns {Promise<KysoAgent>}
 */
export async function connect (options = {}) {
  const agent = new KysoAgent(options);
  await agent.open();
  return agent;
}

export class KysoAgent {
  constructor ({ url, reconnect = true, timeoutMs = 10000, WebSocketImpl, fetchImpl } = {}) {
    // no URL given: this user's agent is looked for in the agent's port range at each (re)connection
    this._search = url === undefined;
    this.url = (url ?? DEFAULT_AGENT_URL).replace(/\/$/, '');
    this.reconnect = reconnect;
    this.timeoutMs = timeoutMs;
    this.health = null;
    this._WebSocket = WebSocketImpl ?? globalThis.WebSocket;
    this._fetch = fetchImpl;
    this._socket = null;
    this._nextId = 1;
    this._pending = new Map();
    this._downloads = new Map();
    this._listeners = new Map();
    this._closedByUser = false;
    this._retryTimer = null;
    this._closeWaiters = new Set();
    this._asking = askingMethods(null);
  }

  /** True when `method` waits for the person (consent, PIN), as the agent's `info` declares it. */
  asksThePerson (method) {
    return this._asking.has(method);
  }

  /** True while the WebSocket is open. */
  get connected () {
    return this._socket !== null && this._socket.readyState === 1;
  }

  /** Probes the agent and opens the WebSocket; rejects with a KysoError explaining what blocks it. */
  async open () {
    this._closedByUser = false;
    if (this._search) {
      const found = await findAgent({ timeoutMs: this.timeoutMs, fetchImpl: this._fetch });
      this.url = found.url;
      this.health = found.health;
    } else {
      this.health = await probeAgent({ url: this.url, timeoutMs: this.timeoutMs, fetchImpl: this._fetch });
    }
    if (this.health.protocol !== PROTOCOL) {
      throw KysoError.client('AGENT_PROTOCOL_ERROR', { protocol: this.health.protocol, expected: PROTOCOL });
    }
    await this._openSocket();
    await this._learnAskingMethods();
  }

  /** Reads which methods ask the person from this agent (it may have been updated since the last connection). */
  async _learnAskingMethods () {
    let info = null;
    try {
      info = await this.call('info');
    } catch (e) {
      if (e instanceof KysoError && e.code === 'AGENT_CONNECTION_LOST') throw e;
      // an agent that cannot answer info keeps the fallback list: signing is then still never timed out
    }
    this._asking = askingMethods(info);
  }

  _openSocket () {
    const wsUrl = this.url.replace(/^http/, 'ws') + '/v1/ws';
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = new this._WebSocket(wsUrl);
      } catch (cause) {
        reject(KysoError.client('AGENT_UNREACHABLE', { url: wsUrl }, cause));
        return;
      }
      socket.binaryType = 'arraybuffer';
      const timer = setTimeout(() => {
        socket.close();
        reject(KysoError.client('AGENT_TIMEOUT', { url: wsUrl }));
      }, this.timeoutMs);
      let opened = false;
      socket.onopen = () => {
        opened = true;
        clearTimeout(timer);
        this._socket = socket;
        resolve();
      };
      socket.onmessage = (message) => this._receive(message.data);
      socket.onclose = (close) => {
        clearTimeout(timer);
        if (!opened) {
          // A refused upgrade (origin not allowed after all, or the agent went away) looks like this in a browser.
          reject(KysoError.client('AGENT_UNREACHABLE', { url: wsUrl, closeCode: close.code }));
          return;
        }
        this._lost(close);
      };
      socket.onerror = () => {};
    });
  }

  _lost (close) {
    this._socket = null;
    const error = KysoError.client('AGENT_CONNECTION_LOST', { closeCode: close.code, reason: close.reason });
    for (const pending of this._pending.values()) pending.reject(error);
    this._pending.clear();
    this._downloads.clear();
    for (const waiter of [...this._closeWaiters]) waiter(error);
    if (this._closedByUser) return;
    this._emit('connection.lost', { code: close.code });
    if (this.reconnect) this._scheduleReconnect(1000);
  }

  _scheduleReconnect (delayMs) {
    this._retryTimer = setTimeout(async () => {
      this._retryTimer = null;
      if (this._closedByUser) return;
      try {
        await this.open();
        this._emit('connection.restored', { version: this.health.version });
      } catch {
        this._scheduleReconnect(Math.min(delayMs * 2, 30000));
      }
    }, delayMs);
  }

  /** Closes the connection; documents held by the agent for it are dropped. No reconnection follows. */
  close () {
    this._closedByUser = true;
    if (this._retryTimer) clearTimeout(this._retryTimer);
    const socket = this._socket;
    if (socket) {
      socket.onclose = null;
      socket.close(1000);
      this._lost({ code: 1000, reason: 'closed by the page' });
    }
  }

  /**
   * Subscribes to an event: the agent's (`token.inserted`, `token.removed`, `document.progress`,
   * `document.received`, `batch.progress`, …) or the client's (`connection.lost`, `connection.restored`).
   * @returns {() => void} unsubscribes
   */
  on (event, handler) {
    if (!this._listeners.has(event)) this._listeners.set(event, new Set());
    this._listeners.get(event).add(handler);
    return () => this._listeners.get(event)?.delete(handler);
  }

  _emit (event, data) {
    for (const handler of [...(this._listeners.get(event) ?? [])]) {
      try {
        handler(data);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
  }

  _receive (data) {
    if (typeof data !== 'string') {
      this._receiveBinary(new Uint8Array(data));
      return;
    }
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message.event === 'string') {
      this._emit(message.event, message.data ?? {});
      return;
    }
    const pending = this._pending.get(message.id);
    if (!pending) return;
    this._pending.delete(message.id);
    if (message.error) pending.reject(KysoError.fromAgent(message.error));
    else pending.resolve(message.result);
  }

  _receiveBinary (frame) {
    if (frame.length < ID_BYTES) return;
    const download = this._downloads.get(bytesToUuid(frame.subarray(0, ID_BYTES)));
    if (download) download.push(frame.slice(ID_BYTES));
  }

  /**
   * Calls a protocol method. Methods that wait for a person are not timed out.
   * @returns {Promise<any>} the result, or a KysoError carrying the agent's code and both messages
   */
  call (method, params = {}, { timeoutMs } = {}) {
    if (!this.connected) return Promise.reject(KysoError.client('AGENT_CONNECTION_LOST', { method }));
    const id = this._nextId++;
    const untimed = this._asking.has(method) || UNTIMED_METHODS.has(method);
    const limit = timeoutMs ?? (untimed ? 0 : this.timeoutMs);
    return new Promise((resolve, reject) => {
      let timer = null;
      const settle = (fn) => (value) => { if (timer) clearTimeout(timer); fn(value); };
      this._pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      if (limit > 0) {
        timer = setTimeout(() => {
          this._pending.delete(id);
          reject(KysoError.client('AGENT_TIMEOUT', { method, timeoutMs: limit }));
        }, limit);
      }
      this._socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** `{product, version, protocol, methods, askingMethods, caller, maxDocumentBytes, limits}` */
  info () {
    return this.call('info');
  }

  /** Drivers and tokens with their certificates, as the agent sees them now. */
  tokens () {
    return this.call('tokens.list');
  }

  /**
   * The certificates a person may pick to sign with, each with its token's id and label: not a CA's certificate (a
   * Sub CA or Root CA stored on the token), and with a private key that may be on the token. Expired, not-yet-valid
   * and revoked ones stay in the list, marked by `status` (and `signable: false`), so the person sees why they cannot
   * sign; `revocation.status` is 'unknown' until the agent has reached OCSP/CRL, never 'good' by default.
   * @param {{all?: boolean}} [options] all: include CA certificates and those without a private key
   */
  async certificates ({ all = false } = {}) {
    const { tokens } = await this.tokens();
    const list = [];
    for (const token of tokens ?? []) {
      for (const certificate of token.certificates ?? []) {
        const offered = !certificate.ca && certificate.privateKey !== 'MISSING';
        if (all || offered) list.push({ ...certificate, token: { id: token.id, label: token.label } });
      }
    }
    return list;
  }

  /**
   * Uploads a document into the connection's memory on the agent.
   * @param {Blob|ArrayBuffer|ArrayBufferView} input
   * @param {{name?: string, onProgress?: (p: {phase: 'upload', loaded: number, total: number}) => void}} [options]
   * @returns {Promise<{documentId: string, size: number, sha256: string}>}
   */
  async upload (input, { name, onProgress } = {}) {
    const bytes = await toBytes(input);
    const total = bytes.length;
    const { documentId } = await this.call('document.upload', { name: name ?? nameOf(input), size: total });
    const done = new Promise((resolve, reject) => {
      const offs = [
        this.on('document.progress', (event) => {
          if (event.documentId === documentId) onProgress?.({ phase: 'upload', documentId, loaded: event.received, total });
        }),
        this.on('document.received', (event) => {
          if (event.documentId !== documentId) return;
          offs.forEach((off) => off());
          if (event.size !== total) reject(KysoError.client('DOCUMENT_TRANSFER_FAILED', { documentId, expected: total, received: event.size }));
          else resolve({ documentId, size: event.size, sha256: event.sha256 });
        }),
        this.on('document.error', (event) => {
          if (event.documentId !== documentId) return;
          offs.forEach((off) => off());
          reject(KysoError.fromAgent(event));
        }),
        () => this._closeWaiters.delete(lost)
      ];
      // Any close, the page's own included, ends the wait for the agent's receipt.
      const lost = (error) => {
        offs.forEach((off) => off());
        reject(error);
      };
      this._closeWaiters.add(lost);
    });
    const id = uuidToBytes(documentId);
    for (let start = 0; start < total; start += CHUNK) {
      if (!this.connected) break;
      const end = Math.min(total, start + CHUNK);
      const frame = new Uint8Array(ID_BYTES + end - start);
      frame.set(id, 0);
      frame.set(bytes.subarray(start, end), ID_BYTES);
      this._socket.send(frame);
      while (this.connected && this._socket.bufferedAmount > HIGH_WATER) await sleep(5);
    }
    return done;
  }

  /**
   * Fetches a document the agent holds (a signed PDF), checking its size and, where the page can hash, its SHA-256.
   * @returns {Promise<{documentId: string, bytes: Uint8Array, size: number, sha256: string}>}
   */
  async download (documentId) {
    const chunks = [];
    this._downloads.set(documentId, chunks);
    let result;
    try {
      result = await this.call('document.download', { documentId }, { timeoutMs: 0 });
    } finally {
      this._downloads.delete(documentId);
    }
    const bytes = concat(chunks);
    if (bytes.length !== result.size) {
      throw KysoError.client('DOCUMENT_TRANSFER_FAILED', { documentId, expected: result.size, received: bytes.length });
    }
    const hash = await sha256Hex(bytes);
    if (hash !== null && hash !== result.sha256) {
      throw KysoError.client('DOCUMENT_TRANSFER_FAILED', { documentId, expected: result.sha256, received: hash });
    }
    return { documentId, bytes, size: result.size, sha256: result.sha256 };
  }

  /** Drops a document from the agent's memory (the connection holds at most ten). */
  async remove (documentId) {
    if (this.connected) await this.call('document.remove', { documentId });
  }

  /**
   * Signs a PDF with a visible stamp (or none). The agent shows its own consent dialog and asks the PIN itself.
   *
   * @param {Blob|ArrayBuffer|ArrayBufferView} document the PDF
   * @param {object} options
   * @param {string} options.certificateId from {@link certificates}
   * @param {string} [options.preset] invisible | approve | initial | issue | copy | attachment | digitised
   * @param {Record<string, string|number>} [options.placement] the preset's parameters (titleLine, nameLine,
   *   documentNumber, dateLabel, issueDate, afterText, copyForm, organisation, widthMm, sealWidthMm, …)
   * @param {{image?: Blob|ArrayBuffer|ArrayBufferView}} [options.images] the signature or seal image (transparent PNG)
   * @param {{reason?: string, location?: string}} [options.metadata]
   * @param {'B-B'|'B-T'|'B-LT'|'B-LTA'} [options.level]
   * @param {string} [options.name] document name shown in the consent dialog (File names are used by default)
   * @param {{onProgress?: (p: object) => void}} [callbacks]
   */
  async signPdf (document, options = {}, { onProgress } = {}) {
    requireText(options.certificateId, 'certificateId');
    const held = [];
    try {
      const { request, total } = await this._prepareSignItem(document, options, held, onProgress);
      onProgress?.({ phase: 'sign', loaded: 0, total });
      const result = await this.call('sign.pdf', { ...request, certificateId: options.certificateId, level: options.level });
      held.push(result.documentId);
      onProgress?.({ phase: 'download', loaded: 0, total: result.size });
      const signed = await this.download(result.documentId);
      onProgress?.({ phase: 'done', loaded: result.size, total: result.size });
      return { ...result, bytes: signed.bytes };
    } finally {
      await this._release(held);
    }
  }

  async _prepareSignItem (document, options, held, onProgress) {
    const upload = await this.upload(document, { name: options.name, onProgress });
    held.push(upload.documentId);
    const presetParams = {};
    for (const [key, value] of Object.entries(options.placement ?? options.presetParams ?? {})) {
      if (value !== undefined && value !== null) presetParams[key] = String(value);
    }
    for (const [key, image] of Object.entries(options.images ?? {})) {
      if (!image) continue;
      const uploaded = await this.upload(image, { name: `${key}.png` });
      held.push(uploaded.documentId);
      presetParams[`${key}DocumentId`] = uploaded.documentId;
    }
    const request = {
      documentId: upload.documentId,
      preset: options.preset ?? 'invisible',
      presetParams,
      reason: options.metadata?.reason,
      location: options.metadata?.location
    };
    return { request, total: upload.size };
  }

  async _release (documentIds) {
    for (const id of documentIds) {
      try {
        await this.remove(id);
      } catch {
        // the connection may be gone, and the agent drops its documents with it
      }
    }
  }

  /**
   * Signs several PDFs after ONE consent and ONE PIN (`sign.pdf.batch`). Each item has its own status; failed items
   * can be retried with `result.resume()` (same batch, only the unsigned items, after a new consent).
   *
   * @param {Array<{document: Blob|ArrayBuffer|ArrayBufferView, name?: string, preset?: string,
   *   placement?: object, images?: object, metadata?: {reason?: string, location?: string}}>} items
   * @param {{certificateId: string, level?: string, batchId?: string}} options
   * @param {{onProgress?: (p: object) => void}} [callbacks]
   */
  async batch (items, options = {}, { onProgress } = {}) {
    requireText(options.certificateId, 'certificateId');
    if (!Array.isArray(items) || items.length === 0) {
      throw KysoError.client('INVALID_ARGUMENT', { param: 'items' });
    }
    const held = [];
    const prepared = [];
    try {
      for (const [index, item] of items.entries()) {
        const { request } = await this._prepareSignItem(item.document, item, held, (p) =>
          onProgress?.({ ...p, index, total: items.length }));
        prepared.push({ name: item.name ?? nameOf(item.document), request });
      }
    } catch (error) {
      await this._release(held);
      throw error;
    }
    const batchId = options.batchId ?? randomId();
    const results = new Map();
    const run = async () => {
      const off = this.on('batch.progress', (event) => {
        if (event.batchId === batchId) onProgress?.({ phase: 'sign', ...event });
      });
      let answer;
      try {
        answer = await this.call('sign.pdf.batch', {
          certificateId: options.certificateId,
          level: options.level,
          batchId,
          items: prepared.map((p) => p.request)
        });
      } finally {
        off();
      }
      for (const item of answer.items) {
        if (results.get(item.documentId)?.status === 'SIGNED') continue;
        const entry = { ...item, name: prepared.find((p) => p.request.documentId === item.documentId)?.name };
        if (item.status === 'SIGNED') {
          entry.bytes = (await this.download(item.signedDocumentId)).bytes;
          await this._release([item.signedDocumentId]);
        } else if (item.error) {
          entry.error = KysoError.fromAgent(item.error);
        }
        results.set(item.documentId, entry);
      }
      const list = prepared.map((p) => results.get(p.request.documentId));
      const complete = list.every((entry) => entry?.status === 'SIGNED');
      if (complete) await this._release(held);
      return {
        batchId,
        items: list,
        complete,
        resume: complete ? async () => this._finished(batchId, list) : run,
        discard: () => this._release(held)
      };
    };
    try {
      return await run();
    } catch (error) {
      await this._release(held);
      throw error;
    }
  }

  _finished (batchId, items) {
    return { batchId, items, complete: true, resume: async () => this._finished(batchId, items), discard: async () => {} };
  }

  /**
   * Blind signing of a digest the page computed. The agent warns the person that it cannot show the content.
   * @param {{certificateId: string, hash: ArrayBuffer|ArrayBufferView|string, hashAlgorithm?: string,
   *   signatureAlgorithm?: string}} options hash as bytes or base64
   * @returns {Promise<{signature: Uint8Array, certificate: Uint8Array, algorithm: string}>}
   */
  async signHash ({ certificateId, hash, hashAlgorithm = 'SHA-256', signatureAlgorithm } = {}) {
    requireText(certificateId, 'certificateId');
    const result = await this.call('sign.hash', {
      certificateId, hash: typeof hash === 'string' ? hash : toBase64(await toBytes(hash)), hashAlgorithm, signatureAlgorithm
    });
    return { signature: fromBase64(result.signature), certificate: fromBase64(result.certificate), algorithm: result.algorithm };
  }

  /**
   * Verifies every signature of a PDF; the report is machine-readable (indication, signer, times, revocation, …).
   * @param {Blob|ArrayBuffer|ArrayBufferView} document
   */
  async verifyPdf (document, { name, onProgress } = {}) {
    const { documentId } = await this.upload(document, { name, onProgress });
    try {
      return await this.call('verify.pdf', { documentId }, { timeoutMs: 0 });
    } finally {
      await this._release([documentId]);
    }
  }

  /**
   * Detached CAdES signature over a document (hashed by the agent, which can show it) or a digest.
   * @param {{certificateId: string, document?: Blob|ArrayBuffer|ArrayBufferView, hash?: ArrayBuffer|ArrayBufferView|string,
   *   hashAlgorithm?: string, level?: 'B-B'|'B-T', contentName?: string}} options
   * @returns {Promise<{cms: Uint8Array, level: string, certificate: Uint8Array}>}
   */
  async signCms ({ certificateId, document, hash, hashAlgorithm, level, contentName } = {}) {
    requireText(certificateId, 'certificateId');
    const held = [];
    try {
      const params = { certificateId, hashAlgorithm, level, contentName };
      if (document !== undefined) {
        const { documentId } = await this.upload(document, { name: contentName ?? nameOf(document) });
        held.push(documentId);
        params.documentId = documentId;
      } else {
        params.hash = typeof hash === 'string' ? hash : toBase64(await toBytes(hash));
      }
      const result = await this.call('sign.cms', params);
      return { cms: fromBase64(result.cms), level: result.level, certificate: fromBase64(result.certificate) };
    } finally {
      await this._release(held);
    }
  }

  /**
   * Verifies a detached CMS signature against the document or its digest; the report has the shape of verifyPdf's.
   * @param {{cms: ArrayBuffer|ArrayBufferView|string, document?: Blob|ArrayBuffer|ArrayBufferView,
   *   hash?: ArrayBuffer|ArrayBufferView|string, hashAlgorithm?: string}} options
   */
  async verifyCms ({ cms, document, hash, hashAlgorithm } = {}) {
    const held = [];
    try {
      const params = { cms: typeof cms === 'string' ? cms : toBase64(await toBytes(cms)), hashAlgorithm };
      if (document !== undefined) {
        const { documentId } = await this.upload(document, { name: nameOf(document) });
        held.push(documentId);
        params.documentId = documentId;
      } else if (hash !== undefined) {
        params.hash = typeof hash === 'string' ? hash : toBase64(await toBytes(hash));
      }
      return await this.call('verify.cms', params, { timeoutMs: 0 });
    } finally {
      await this._release(held);
    }
  }

  /**
   * JWS or JAdES signature over a JSON document. The agent reads the JSON and shows its values in the consent dialog.
   * @param {{certificateId: string, document: Blob|ArrayBuffer|ArrayBufferView|string|object, name?: string,
   *   format?: 'jades'|'jws', level?: 'B-B'|'B-T'|'B-LT', serialization?: 'flattened'|'compact', detached?: boolean,
   *   algorithm?: string}} options a string is sent as UTF-8, any other object as its JSON text
   * @returns {Promise<{jws: string, bytes: Uint8Array, level: string, serialization: string, detached: boolean,
   *   summary: string[], certificate: Uint8Array, warnings: string[]}>}
   */
  async signJson ({ certificateId, document, name, format, level, serialization, detached, algorithm } = {}) {
    requireText(certificateId, 'certificateId');
    const held = [];
    try {
      const { documentId } = await this.upload(jsonBytes(document), { name: name ?? jsonName(document) });
      held.push(documentId);
      const result = await this.call('sign.json', {
        certificateId, documentId, format, level, serialization, detached, algorithm
      });
      held.push(result.documentId);
      return {
        jws: result.jws,
        bytes: new TextEncoder().encode(result.jws),
        level: result.level,
        serialization: result.serialization,
        detached: result.detached,
        summary: result.summary,
        certificate: fromBase64(result.certificate),
        warnings: result.warnings
      };
    } finally {
      await this._release(held);
    }
  }

  /**
   * Signs an XML document on the token: W3C XMLDSig (the e-invoice layout: the seller's signature in DSCKS/NBan over
   * DLHDon, by default) or XAdES B-B…B-LTA; enveloped (placed by XPath, referencing an Id), enveloping or detached.
   * The agent's consent dialog shows the signed element and, for an e-invoice, its number, seller, buyer and total.
   * @param {Blob|ArrayBuffer|ArrayBufferView} document
   * @param {{certificateId: string, name?: string, format?: 'xmldsig'|'xades', level?: 'B-B'|'B-T'|'B-LT'|'B-LTA',
   *   packaging?: 'enveloped'|'enveloping'|'detached', xpath?: string, referenceId?: string,
   *   canonicalization?: 'inclusive'|'exclusive', signatureAlgorithm?: string, mimeType?: string,
   *   onProgress?: (p: object) => void}} options
   */
  async signXml (document, { certificateId, name, onProgress, ...options } = {}) {
    requireText(certificateId, 'certificateId');
    const params = xmlSignParams(options);
    const { documentId } = await this.upload(document, { name: name ?? nameOf(document), onProgress });
    const held = [documentId];
    try {
      const result = await this.call('sign.xml', { documentId, certificateId, ...params });
      held.push(result.documentId);
      const { bytes } = await this.download(result.documentId);
      return {
        bytes,
        format: result.format,
        level: result.level,
        signatureId: result.signatureId,
        signedNodes: result.signedNodes,
        invoice: result.invoice,
        certificate: fromBase64(result.certificate),
        warnings: result.warnings
      };
    } finally {
      await this._release(held);
    }
  }

  /**
   * Verifies a JWS / JAdES signature (any serialization); {@code payload} is the signed JSON when the signature is
   * detached. The report has the shape of verifyPdf's, plus {@code payload}: the signed JSON's values as lines.
   * @param {{jws: Blob|ArrayBuffer|ArrayBufferView|string, payload?: Blob|ArrayBuffer|ArrayBufferView|string|object}} options
   */
  async verifyJson ({ jws, payload } = {}) {
    const held = [];
    try {
      const signature = await this.upload(jsonBytes(jws), { name: 'signature.jws' });
      held.push(signature.documentId);
      const params = { documentId: signature.documentId };
      if (payload !== undefined) {
        const content = await this.upload(jsonBytes(payload), { name: jsonName(payload) });
        held.push(content.documentId);
        params.payloadDocumentId = content.documentId;
      }
      return await this.call('verify.json', params, { timeoutMs: 0 });
    } finally {
      await this._release(held);
    }
  }

  /**
   * Verifies every XML signature of a document (and, for a detached one, against the signed file); the report has
   * verifyPdf's shape plus xmlSignatures: what each signature covers (element path and Id, e-invoice summary).
   * @param {Blob|ArrayBuffer|ArrayBufferView} document
   * @param {{name?: string, detached?: Blob|ArrayBuffer|ArrayBufferView, detachedName?: string,
   *   onProgress?: (p: object) => void}} [options]
   */
  async verifyXml (document, { name, detached, detachedName, onProgress } = {}) {
    const held = [];
    try {
      const { documentId } = await this.upload(document, { name: name ?? nameOf(document), onProgress });
      held.push(documentId);
      const params = { documentId };
      if (detached !== undefined) {
        const upload = await this.upload(detached, { name: detachedName ?? nameOf(detached) });
        held.push(upload.documentId);
        params.detachedDocumentId = upload.documentId;
      }
      return await this.call('verify.xml', params, { timeoutMs: 0 });
    } finally {
      await this._release(held);
    }
  }
}

function requireText (value, name) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw KysoError.client('INVALID_ARGUMENT', { param: name });
  }
}

/** Strings as UTF-8, binary input as it is, any other object as its JSON text. */
function jsonBytes (input) {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  const binary = input instanceof ArrayBuffer || ArrayBuffer.isView(input) || typeof input?.arrayBuffer === 'function';
  if (input !== null && typeof input === 'object' && !binary) return new TextEncoder().encode(JSON.stringify(input));
  return input;
}

function jsonName (input) {
  return typeof input?.name === 'string' && input.name ? input.name : 'document.json';
}

function nameOf (input) {
  return typeof input?.name === 'string' && input.name ? input.name : 'document.pdf';
}

function concat (chunks) {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function randomId () {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return bytesToUuid(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

function sleep (ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
