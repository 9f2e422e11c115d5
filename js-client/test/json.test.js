// signJson / verifyJson: what the client sends and how it shapes the answers. The agent's side of sign.json and
// verify.json (real token, real TSA, EU DSS) is proven in the Java protocol tests; here the connection is replaced by
// a scripted stand-in (named as such) that records the calls and answers as the agent does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KysoAgent } from '../src/agent.js';
import { KysoError } from '../src/errors.js';

function scriptedAgent (answers) {
  const agent = new KysoAgent({ url: 'http://127.0.0.1:1', reconnect: false });
  const log = { uploads: [], calls: [], removed: [] };
  agent.upload = async (input, { name } = {}) => {
    log.uploads.push({ text: new TextDecoder().decode(input), name });
    return { documentId: `up-${log.uploads.length}`, size: input.length, sha256: 'x' };
  };
  agent.call = async (method, params) => {
    log.calls.push({ method, params });
    const answer = answers[method];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  agent.remove = async (id) => { log.removed.push(id); };
  return { agent, log };
}

test('signJson sends an object as its JSON text and returns the signature as text and bytes', async () => {
  const jws = '{"payload":"eyJhIjoxfQ","protected":"eyJhbGciOiJSUzI1NiJ9","signature":"c2ln"}';
  const { agent, log } = scriptedAgent({
    'sign.json': {
      documentId: 'signed-1', jws, level: 'JAdES-BASELINE-T', serialization: 'flattened', detached: false,
      summary: ['soHoSo: 12/2026/BHXH'], certificate: 'AQID', warnings: []
    }
  });
  const result = await agent.signJson({
    certificateId: 'abc', document: { soHoSo: '12/2026/BHXH' }, level: 'B-T', algorithm: 'PS256'
  });
  assert.deepEqual(log.uploads, [{ text: '{"soHoSo":"12/2026/BHXH"}', name: 'document.json' }]);
  assert.deepEqual(log.calls, [{
    method: 'sign.json',
    params: {
      certificateId: 'abc', documentId: 'up-1', format: undefined, level: 'B-T', serialization: undefined,
      detached: undefined, algorithm: 'PS256'
    }
  }]);
  assert.equal(result.jws, jws);
  assert.equal(new TextDecoder().decode(result.bytes), jws);
  assert.equal(result.level, 'JAdES-BASELINE-T');
  assert.deepEqual(result.summary, ['soHoSo: 12/2026/BHXH']);
  assert.deepEqual([...result.certificate], [1, 2, 3]);
  assert.deepEqual(log.removed, ['up-1', 'signed-1'], 'the upload and the signature are not left with the agent');
});

test('signJson takes a string as UTF-8 and bytes as they are', async () => {
  const { agent, log } = scriptedAgent({
    'sign.json': { documentId: 's', jws: 'a..b', certificate: '', warnings: [], summary: [] }
  });
  await agent.signJson({ certificateId: 'abc', document: '{"tên":"Bình"}', name: 'tờ khai.json', detached: true,
    serialization: 'compact', format: 'jws' });
  await agent.signJson({ certificateId: 'abc', document: new TextEncoder().encode('[1,2]') });
  assert.deepEqual(log.uploads.map((u) => u.text), ['{"tên":"Bình"}', '[1,2]']);
  assert.equal(log.uploads[0].name, 'tờ khai.json');
  assert.equal(log.calls[0].params.detached, true);
  assert.equal(log.calls[0].params.format, 'jws');
});

test('signJson needs a certificate and passes the agent error code through unchanged', async () => {
  const { agent } = scriptedAgent({
    'sign.json': KysoError.fromAgent({ code: 'JSON_INVALID', message_vi: 'Dữ liệu không phải JSON', message_en: 'Not JSON' })
  });
  await assert.rejects(agent.signJson({ document: '{}' }), (e) => e.code === 'INVALID_ARGUMENT');
  await assert.rejects(agent.signJson({ certificateId: 'abc', document: 'x' }), (e) => e.code === 'JSON_INVALID');
});

test('verifyJson uploads the signature and, when detached, the payload; the uploads are removed afterwards', async () => {
  const report = { indication: 'TOTAL_PASSED', signatures: [], payload: { lines: ['a: 1'], values: 1 } };
  const { agent, log } = scriptedAgent({ 'verify.json': report });
  assert.deepEqual(await agent.verifyJson({ jws: 'h..s', payload: { a: 1 } }), report);
  assert.deepEqual(log.uploads.map((u) => u.text), ['h..s', '{"a":1}']);
  assert.deepEqual(log.calls[0], { method: 'verify.json', params: { documentId: 'up-1', payloadDocumentId: 'up-2' } });
  assert.deepEqual(log.removed, ['up-1', 'up-2']);
  await agent.verifyJson({ jws: 'h.p.s' });
  assert.deepEqual(log.calls[1].params, { documentId: 'up-3' });
});
