// Kyso Agent browser client. No runtime dependencies.
export { KysoError, CLIENT_ERRORS } from './errors.js';
export { probeAgent, DEFAULT_AGENT_URL } from './health.js';
