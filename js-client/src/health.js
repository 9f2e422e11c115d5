import { KysoError } from './errors.js';

export const DEFAULT_AGENT_URL = 'http://127.0.0.1:18443';

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
