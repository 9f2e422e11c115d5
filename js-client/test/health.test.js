import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { probeAgent, findAgent, KysoError } from '../src/index.js';

// A real HTTP server on loopback plays the agent's health endpoint in its different moods.
let server;
let base;
before(async () => {
  server = http.createServer((req, res) => {
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.url === '/ok/v1/health') return send(200, { status: 'ok', version: '0.1.0', protocol: 1 });
    if (req.url === '/refused/v1/health') {
      return send(403, { error: { code: 'ORIGIN_NOT_ALLOWED', message_vi: 'Không được phép', message_en: 'Not allowed' } });
    }
    if (req.url === '/garbage/v1/health') return send(200, '<html>not the agent</html>');
    if (req.url === '/slow/v1/health') return setTimeout(() => send(200, { status: 'ok', protocol: 1 }), 2000);
    return send(404, {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => { server.closeAllConnections(); server.close(); });

test('healthy agent answers with its version and protocol', async () => {
  const health = await probeAgent({ url: `${base}/ok` });
  assert.equal(health.status, 'ok');
  assert.equal(health.protocol, 1);
});

test('agent refusal keeps the agent code and both messages', async () => {
  await assert.rejects(probeAgent({ url: `${base}/refused` }), (e) => {
    assert.ok(e instanceof KysoError);
    assert.equal(e.code, 'ORIGIN_NOT_ALLOWED');
    assert.equal(e.messageVi, 'Không được phép');
    assert.equal(e.messageEn, 'Not allowed');
    return true;
  });
});

test('nothing listening gives AGENT_UNREACHABLE naming Local Network Access', async () => {
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(probeAgent({ url: `http://127.0.0.1:${port}` }), (e) => {
    assert.equal(e.code, 'AGENT_UNREACHABLE');
    assert.match(e.messageEn, /Local Network Access/);
    assert.match(e.messageVi, /Local Network Access/);
    return true;
  });
});

test('a server that is not the agent is a protocol error', async () => {
  await assert.rejects(probeAgent({ url: `${base}/garbage` }), { code: 'AGENT_PROTOCOL_ERROR' });
});

test('a slow agent times out', async () => {
  await assert.rejects(probeAgent({ url: `${base}/slow`, timeoutMs: 200 }), { code: 'AGENT_TIMEOUT' });
});

test('unknown client codes are a programming error', () => {
  assert.throws(() => KysoError.client('NO_SUCH_CODE'), TypeError);
});

// Two agents side by side, as on a Remote Desktop host: the first port's agent belongs to another OS user and
// refuses this user's programs; the next port's agent is this user's own.
test('findAgent skips another user\'s agent and finds this user\'s on the next port of the range', async () => {
  const refusal = { error: { code: 'PEER_USER_MISMATCH', message_vi: 'Khác tài khoản', message_en: 'Other user' } };
  const serve = (status, body) => http.createServer((req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  let other;
  let own;
  let first;
  for (let attempt = 0; attempt < 20 && !own; attempt++) {
    other = serve(403, refusal);
    await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
    first = other.address().port;
    own = serve(200, { status: 'ok', version: '0.1.0', protocol: 1 });
    const bound = await new Promise((resolve) => {
      own.once('error', () => resolve(false));
      own.listen(first + 1, '127.0.0.1', () => resolve(true));
    });
    if (!bound) { other.close(); own = undefined; }
  }
  try {
    const found = await findAgent({ firstPort: first, ports: 3 });
    assert.equal(found.url, `http://127.0.0.1:${first + 1}`);
    assert.equal(found.health.status, 'ok');
    // with only the other user's agent in range, its refusal is what the page learns, never its answer
    await assert.rejects(findAgent({ firstPort: first, ports: 1 }), (e) => e.code === 'PEER_USER_MISMATCH');
  } finally {
    other.close();
    own.close();
  }
});
