// The VGCA plugin's global functions (vgcaplugin.js) on top of Kyso Agent's vgca.* methods. Loaded by the classic
// script vgca-compat.js; usable as an ES module too (install(window, options)).
import { connect } from './agent.js';
import { KysoError } from './errors.js';
import { DEFAULT_AGENT_URL } from './health.js';

/**
 * Each legacy function, the agent method it becomes and what it takes: `job` = (jsonParams, callback) with
 * callback(jsonText); `sender` = (sender, jsonParams, callback) with callback(sender, jsonText); `none` = (callback).
 */
export const LEGACY_FUNCTIONS = Object.freeze({
  vgca_sign_approved: { method: 'vgca.sign', operation: 'SignApproved', shape: 'job' },
  vgca_sign_issued: { method: 'vgca.sign', operation: 'SignIssued', shape: 'job' },
  vgca_sign_copy: { method: 'vgca.sign', operation: 'SignCopy', shape: 'job' },
  vgca_sign_appendix: { method: 'vgca.sign', operation: 'SignAppendix', shape: 'job' },
  vgca_sign_income: { method: 'vgca.sign', operation: 'SignIncome', shape: 'job' },
  vgca_comment: { method: 'vgca.sign', operation: 'Comment', shape: 'job' },
  vgca_sign_files: { method: 'vgca.signFiles', shape: 'job' },
  vgca_sign_msg: { method: 'vgca.signMsg', shape: 'sender' },
  vgca_verify_pdf: { method: 'vgca.verifyPdf', shape: 'job' },
  vgca_sign_xml: { method: 'vgca.signXml', shape: 'job' },
  vgca_verify_xml: { method: 'vgca.verifyXml', shape: 'job' },
  // any file: a detached CAdES signature (.p7s) uploaded beside it (docs/vgca-migration.md: SignFile)
  vgca_sign_file: { method: 'vgca.signFile', shape: 'job' },
  // {Signature, Data | HashValue, CertBase64?}: CMS/PKCS#7 attached or detached, or SignMsg's bare value
  vgca_verify_msg: { method: 'vgca.verifyMsg', shape: 'sender' },
  // answered NOT_SUPPORTED by the agent (docs/vgca-migration.md: Office files)
  vgca_sign_office: { method: 'vgca.signOffice', shape: 'job' },
  vgca_verify_office: { method: 'vgca.verifyOffice', shape: 'job' },
  vgca_get_certinfo: { method: 'vgca.certInfo', shape: 'none' },
  vgca_get_version: { method: 'vgca.version', shape: 'none' }
});

export const LEGACY_FUNCTION_NAMES = Object.freeze(Object.keys(LEGACY_FUNCTIONS));

/** Methods answered without a person or a download: the only ones the client times out. */
const QUICK_METHODS = new Set(['vgca.version', 'vgca.signOffice', 'vgca.verifyOffice']);

/**
 * Reads a legacy call's arguments. The callback is the last function given (pages often omit it); the request is the
 * argument before it; anything before the request is the `sender` the old plugin handed back untouched. Both
 * (json, callback) and (sender, json, callback) are accepted for every function that takes a request, since pages
 * wrap the old functions in different ways.
 *
 * @returns {{job: any, callback: Function|null, sender: any, senderForm: boolean}}
 */
export function readArguments (name, args) {
  const spec = LEGACY_FUNCTIONS[name];
  if (!spec) throw new TypeError(`not a VGCA plugin function: ${name}`);
  const list = Array.from(args);
  let callbackAt = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    if (typeof list[i] === 'function') {
      callbackAt = i;
      break;
    }
  }
  const callback = callbackAt >= 0 ? list[callbackAt] : null;
  const before = callbackAt >= 0 ? list.slice(0, callbackAt) : list;
  if (spec.shape === 'none') {
    return { job: before[before.length - 1], callback, sender: undefined, senderForm: false };
  }
  if (before.length >= 2) {
    return { job: before[before.length - 1], callback, sender: before[0], senderForm: true };
  }
  return { job: before[0], callback, sender: undefined, senderForm: false };
}

/** The agent's params for a legacy call. The job goes as given (JSON text or object): the agent parses it. */
export function agentParams (name, job) {
  const spec = LEGACY_FUNCTIONS[name];
  const params = {};
  if (spec.operation) params.operation = spec.operation;
  if (job !== undefined && job !== null && !(spec.shape === 'none' && job === '')) params.job = job;
  return params;
}

/**
 * The legacy failure reply for an error that never became an agent reply (agent absent, Local Network Access denied,
 * connection lost, request the agent could not read): `Status` 1 like every failure, the Vietnamese `Message` old
 * callbacks show, plus `ErrorCode` and `MessageEn`.
 */
export function failureReply (error) {
  const known = error instanceof KysoError ||
    (error && typeof error.code === 'string' && typeof error.messageVi === 'string');
  const failure = known ? error : KysoError.client('AGENT_PROTOCOL_ERROR', { cause: String(error?.message ?? error) });
  return { Status: 1, Message: failure.messageVi, MessageEn: failure.messageEn, ErrorCode: failure.code };
}

/** What the old callbacks received: the reply as JSON text. */
export function replyText (reply) {
  return JSON.stringify(reply);
}

/**
 * One connection to the agent shared by every legacy call of the page, opened on the first call (health probe, then
 * WebSocket) and again after it was lost.
 */
export class LegacyBridge {
  /**
   * @param {{url?: string | (() => string|undefined), timeoutMs?: number, connectImpl?: typeof connect}} [options]
   */
  constructor ({ url, timeoutMs = 10000, connectImpl = connect } = {}) {
    this._url = typeof url === 'function' ? url : () => url;
    this._timeoutMs = timeoutMs;
    this._connect = connectImpl;
    this._agent = null;
  }

  /** The agent's configured URL, else the first of the agent's ports (the connection searches the range). */
  get url () {
    return this._url() || DEFAULT_AGENT_URL;
  }

  async _connection () {
    if (!this._agent) {
      // without a configured URL the client looks for this user's agent in the agent's port range
      const opening = this._connect({ url: this._url() || undefined, reconnect: false, timeoutMs: this._timeoutMs });
      this._agent = opening;
      // a failed attempt is not kept: the next call tries again (the person may have started the agent meanwhile)
      opening.catch(() => { if (this._agent === opening) this._agent = null; });
    }
    const current = this._agent;
    const agent = await current;
    if (agent.connected) return agent;
    if (this._agent === current) this._agent = null;
    return this._connection();
  }

  /**
   * Calls the agent for a legacy function. Never rejects: failures are legacy replies too.
   * @returns {Promise<object>} the legacy reply object
   */
  async request (name, job) {
    const spec = LEGACY_FUNCTIONS[name];
    try {
      const agent = await this._connection();
      return await agent.call(spec.method, agentParams(name, job),
        { timeoutMs: QUICK_METHODS.has(spec.method) ? this._timeoutMs : 0 });
    } catch (error) {
      return failureReply(error);
    }
  }

  /** Runs a legacy call as the old plugin did: the callback gets the reply text (and the sender, where it took one). */
  invoke (name, args) {
    const call = readArguments(name, args);
    return this.request(name, call.job).then((reply) => {
      const text = replyText(reply);
      if (call.callback) {
        // outside this promise, so an exception in the page's callback surfaces as the page's own error
        setTimeout(() => (call.senderForm ? call.callback(call.sender, text) : call.callback(text)), 0);
      }
      return text;
    });
  }

  /** Closes the shared connection (the agent drops any document it kept for it). */
  async close () {
    const current = this._agent;
    this._agent = null;
    if (current) {
      try {
        (await current).close();
      } catch {
        // never opened
      }
    }
  }
}

/**
 * Defines the legacy global functions on `target` (window). Returns the bridge.
 * @param {object} target
 * @param {{url?: string | (() => string|undefined), timeoutMs?: number}} [options]
 */
export function install (target, options = {}) {
  const bridge = new LegacyBridge(options);
  for (const name of LEGACY_FUNCTION_NAMES) {
    target[name] = function () {
      bridge.invoke(name, arguments);
    };
  }
  return bridge;
}
