// Kyso Agent browser client. No runtime dependencies.
export { KysoError, CLIENT_ERRORS } from './errors.js';
export { probeAgent, findAgent, localNetworkAccessDenied, DEFAULT_AGENT_URL, AGENT_FIRST_PORT, AGENT_PORTS } from './health.js';
export { connect, KysoAgent, askingMethods, ASKING_METHODS_FALLBACK } from './agent.js';
export { toBase64, fromBase64, sha256Hex } from './bytes.js';
export { xmlSignParams } from './xml.js';
