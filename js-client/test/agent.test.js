import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, askingMethods, ASKING_METHODS_FALLBACK, KysoError } from '../src/index.js';

// The agent's side of the socket, scripted: `info` answers as given, every other method never answers (a dialog
// left open), so a test sees which calls the client times out by itself.
function scriptedAgent (info) {
  return class ScriptedSocket {
    constructor () {
      this.readyState = 0;
      setTimeout(() => { this.readyState = 1; this.onopen(); });
    }

    send (text) {
      const request = JSON.parse(text);
      if (request.method !== 'info') return;
      const answer = info instanceof Error
        ? { error: { code: 'UNKNOWN_METHOD', message_vi: 'Không có', message_en: 'No such method' } }
        : { result: info };
      setTimeout(() => this.onmessage({ data: JSON.stringify({ id: request.id, ...answer }) }));
    }

    close () {
      this.readyState = 3;
    }
  };
}

const health = async () => new Response(JSON.stringify({ status: 'ok', version: 'test', protocol: 1 }),
  { status: 200, headers: { 'Content-Type': 'application/json' } });

async function timesOut (agent, method) {
  try {
    await agent.call(method, {});
    return false;
  } catch (e) {
    assert.ok(e instanceof KysoError);
    assert.equal(e.code, 'AGENT_TIMEOUT', String(e));
    return true;
  }
}

/** Whether a call of `method` is still waiting (not timed out by the client) after 3 times the quick limit. */
async function waitsForThePerson (agent, method) {
  let settled = false;
  agent.call(method, {}).catch(() => {}).finally(() => { settled = true; }); // rejected by close() at the end
  await new Promise((resolve) => setTimeout(resolve, 150));
  return !settled;
}

test('askingMethods reads the agent info and falls back for older agents', () => {
  assert.deepEqual([...askingMethods({ askingMethods: ['sign.hash', 'sign.json'] })], ['sign.hash', 'sign.json']);
  assert.deepEqual([...askingMethods({ methods: ['sign.hash'] })], [...ASKING_METHODS_FALLBACK]);
  assert.deepEqual([...askingMethods({ askingMethods: 'sign.hash' })], [...ASKING_METHODS_FALLBACK]);
  assert.deepEqual([...askingMethods({ askingMethods: [1] })], [...ASKING_METHODS_FALLBACK]);
  assert.deepEqual([...askingMethods(null)], [...ASKING_METHODS_FALLBACK]);
  assert.ok(ASKING_METHODS_FALLBACK.includes('vgca.signMsg'), 'the vgca signing methods ask too');
});

test('the client times out only the methods the agent does not declare as asking', async () => {
  const agent = await connect({
    url: 'http://127.0.0.1:1', reconnect: false, timeoutMs: 50, fetchImpl: health,
    WebSocketImpl: scriptedAgent({ product: 'Kyso Agent', methods: ['sign.json', 'sign.hash', 'tokens.list'], askingMethods: ['sign.json'] })
  });
  try {
    assert.equal(agent.asksThePerson('sign.json'), true);
    assert.equal(agent.asksThePerson('sign.hash'), false, 'the agent says, not a list in the client');
    assert.equal(await waitsForThePerson(agent, 'sign.json'), true);
    assert.equal(await timesOut(agent, 'tokens.list'), true);
  } finally {
    agent.close();
  }
});

test('with an agent older than askingMethods the built-in list applies', async () => {
  for (const info of [{ product: 'Kyso Agent', methods: ['sign.hash'] }, new Error('info refused')]) {
    const agent = await connect({ url: 'http://127.0.0.1:1', reconnect: false, timeoutMs: 50, fetchImpl: health, WebSocketImpl: scriptedAgent(info) });
    try {
      for (const method of ASKING_METHODS_FALLBACK) assert.equal(agent.asksThePerson(method), true, method);
      assert.equal(await waitsForThePerson(agent, 'vgca.sign'), true);
      assert.equal(await timesOut(agent, 'tokens.list'), true);
    } finally {
      agent.close();
    }
  }
});
