import { KysoError } from './errors.js';

export const DEFAULT_AGENT_URL = 'http://127.0.0.1:18443';
/** The agent's first port and how many follow it (docs/protocol.md, "Several users on one machine"). */
export const AGENT_FIRST_PORT = 18443;
export const AGENT_PORTS = 10;

/**
 * Finds this user's agent in the agent's port range. On a machine with several users (Remote Desktop, Citrix)
 * each user's agent takes the first free port of the range, and every agent refuses requests from programs of
 * another OS user (403 PEER_USER_MISMATCH), so the first port whose health answers is the browser user's own agent;
 * another user's agent never answers it. When none answers, the first port's error is reported.
 *
 * @param {{firstPort?: number, ports?: number, timeoutMs?: number, fetchImpl?: typeof fetch}} [options]
 * @returns {Promise<{url: string, health: {status: string, version: string, protocol: number}}>}
 */
export async function findAgent ({ firstPort = AGENT_FIRST_PORT, ports = AGENT_PORTS, timeoutMs = 3000, fetchImpl } = {}) {
  let first;
  for (let i = 0; i < ports; i++) {
    const url = `http://127.0.0.1:${firstPort + i}`;
    try {
      return { url, health: await probeAgent({ url, timeoutMs, fetchImpl }) };
    } catch (error) {
      first ??= error;
      // the browser blocks loopback for this page: every other port is blocked the same way
      if (error.code === 'LOCAL_NETWORK_ACCESS_DENIED') break;
    }
  }
  throw first;
}

/**
 * Asks the agent's health endpoint. Doing this over plain HTTP first lets Chrome show its Local Network Access
 * prompt for a request the page can explain, before the WebSocket is opened.
 *
 * @param {{url?: string, timeoutMs?: number, fetchImpl?: typeof fetch}} [options]
 * @returns {Promise<{status: string, version: string, protocol: number}>}
 */
export async function probeAgent ({ url = DEFAULT_AGENT_URL, timeoutMs = 3000, fetchImpl = globalThis.fetch } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetchImpl(`${url.replace(/\/$/, '')}/v1/health`, {
      method: 'GET',
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal
    });
  } catch (cause) {
    if (controller.signal.aborted) throw KysoError.client('AGENT_TIMEOUT', { url, timeoutMs }, cause);
    if (await localNetworkAccessDenied()) throw KysoError.client('LOCAL_NETWORK_ACCESS_DENIED', { url }, cause);
    throw KysoError.client('AGENT_UNREACHABLE', { url }, cause);
  } finally {
    clearTimeout(timer);
  }
  let body;
  try {
    body = await response.json();
  } catch (cause) {
    throw KysoError.client('AGENT_PROTOCOL_ERROR', { url, status: response.status }, cause);
  }
  if (!response.ok) {
    if (body && body.error) throw KysoError.fromAgent(body.error);
    if (response.status === 403) throw KysoError.client('ORIGIN_NOT_ALLOWED', { url });
    throw KysoError.client('AGENT_PROTOCOL_ERROR', { url, status: response.status });
  }
  if (!body || body.status !== 'ok' || typeof body.protocol !== 'number') {
    throw KysoError.client('AGENT_PROTOCOL_ERROR', { url, body });
  }
  return body;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * True when Chrome's Local Network Access permission is known to be denied for this page. A page served from loopback
 * itself never needs the permission (loopback to loopback is not a local-network request), so it is not asked there.
 * Browsers without the permission (Firefox, Safari, older Chrome) answer false.
 */
export async function localNetworkAccessDenied () {
  const page = globalThis.location;
  const permissions = globalThis.navigator?.permissions;
  if (!page || !permissions || LOOPBACK_HOSTS.has(page.hostname)) return false;
  // Chrome 142+ names it local-network-access; earlier trials used loopback-network.
  for (const name of ['local-network-access', 'loopback-network']) {
    try {
      const status = await permissions.query({ name });
      return status.state === 'denied';
    } catch {
      // unknown permission name in this browser: try the next one
    }
  }
  return false;
}
