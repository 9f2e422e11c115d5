// A page from an origin the agent does not allow gets nothing: no health answer it can read, no WebSocket, no dialog.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { env, demoPage, screenshot, prompts, resetPerson } from './harness.mjs';

before(() => resetPerson('APPROVE'));
const demo = demoPage({ url: env.foreign });

test('the same page served from a non-allowed origin is refused by the agent', async () => {
  const { page } = demo;
  const statuses = [];
  page.on('response', (r) => { if (r.url().startsWith(env.agent)) statuses.push(r.status()); });
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'error');
  assert.equal(await page.getAttribute('#agent-status', 'data-code'), 'AGENT_UNREACHABLE');
  assert.match(await page.textContent('#agent-status'), /Local Network Access/);
  assert.equal(await page.locator('button[data-action="approve"]:enabled').count(), 0, 'no signing button is enabled');

  // The page tries harder on its own: a raw WebSocket and a raw request. Both are refused before any work.
  const attempt = await page.evaluate(async (agent) => {
    const socket = await new Promise((resolve) => {
      const ws = new WebSocket(agent.replace('http', 'ws') + '/v1/ws');
      ws.onopen = () => { ws.send(JSON.stringify({ id: 1, method: 'tokens.list' })); resolve('open'); };
      ws.onclose = (e) => resolve(`closed ${e.code}`);
    });
    let health;
    try {
      await fetch(agent + '/v1/health');
      health = 'readable';
    } catch (e) {
      health = `blocked: ${e.name}`;
    }
    return { socket, health };
  }, env.agent);
  assert.equal(attempt.socket, 'closed 1006');
  assert.equal(attempt.health, 'blocked: TypeError');
  assert.ok(statuses.every((s) => s === 403), `agent answers seen by the browser: ${statuses}`);
  assert.equal((await prompts()).consents.length, 0);
  await screenshot(page, '40-1-foreign-origin-refused');
});

test('the agent says why to anyone who can read it: 403 ORIGIN_NOT_ALLOWED for that origin', async () => {
  const response = await fetch(env.agent + '/v1/health', { headers: { Origin: env.foreign } });
  assert.equal(response.status, 403);
  assert.equal((await response.json()).error.code, 'ORIGIN_NOT_ALLOWED');
  assert.equal(response.headers.get('access-control-allow-origin'), null);
  const allowed = await fetch(env.agent + '/v1/health', { headers: { Origin: env.web } });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get('access-control-allow-origin'), env.web);
});
