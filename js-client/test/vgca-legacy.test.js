import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  LEGACY_FUNCTIONS, LEGACY_FUNCTION_NAMES, readArguments, agentParams, failureReply, LegacyBridge, install
} from '../src/vgca-legacy.js';
import { KysoError, CLIENT_ERRORS } from '../src/errors.js';

const COMPAT = fileURLToPath(new URL('../src/vgca-compat.js', import.meta.url));

// A real HTTP server refusing every origin as the agent does, and a port where nothing listens (the agent is absent).
let refusing;
let refusingUrl;
let deadUrl;
before(async () => {
  refusing = http.createServer((req, res) => {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'ORIGIN_NOT_ALLOWED', message_vi: 'Trang chưa được phép', message_en: 'Not allowed' } }));
  });
  await new Promise((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `http://127.0.0.1:${refusing.address().port}`;
  const probe = http.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${probe.address().port}`;
  await new Promise((resolve) => probe.close(resolve));
});
after(() => { refusing.closeAllConnections(); refusing.close(); });

function callbackResult (invoke) {
  return new Promise((resolve) => invoke((...args) => resolve(args)));
}

test('every function of the old plugin is defined, each with its agent method', () => {
  assert.deepEqual(LEGACY_FUNCTION_NAMES, ['vgca_sign_approved', 'vgca_sign_issued', 'vgca_sign_copy',
    'vgca_sign_appendix', 'vgca_sign_income', 'vgca_comment', 'vgca_sign_files', 'vgca_sign_msg', 'vgca_verify_pdf',
    'vgca_sign_xml', 'vgca_verify_xml', 'vgca_sign_file', 'vgca_verify_msg', 'vgca_sign_office',
    'vgca_verify_office', 'vgca_get_certinfo', 'vgca_get_version']);
  const operations = Object.fromEntries(LEGACY_FUNCTION_NAMES.map((n) => [n, agentParams(n, '{}').operation]));
  assert.deepEqual(operations, {
    vgca_sign_approved: 'SignApproved',
    vgca_sign_issued: 'SignIssued',
    vgca_sign_copy: 'SignCopy',
    vgca_sign_appendix: 'SignAppendix',
    vgca_sign_income: 'SignIncome',
    vgca_comment: 'Comment',
    vgca_sign_files: undefined,
    vgca_sign_msg: undefined,
    vgca_verify_pdf: undefined,
    vgca_sign_xml: undefined,
    vgca_verify_xml: undefined,
    vgca_sign_file: undefined,
    vgca_verify_msg: undefined,
    vgca_sign_office: undefined,
    vgca_verify_office: undefined,
    vgca_get_certinfo: undefined,
    vgca_get_version: undefined
  });
  assert.equal(LEGACY_FUNCTIONS.vgca_sign_files.method, 'vgca.signFiles');
  assert.equal(LEGACY_FUNCTIONS.vgca_sign_msg.method, 'vgca.signMsg');
  assert.equal(LEGACY_FUNCTIONS.vgca_verify_pdf.method, 'vgca.verifyPdf');
  assert.equal(LEGACY_FUNCTIONS.vgca_sign_xml.method, 'vgca.signXml');
  assert.equal(LEGACY_FUNCTIONS.vgca_verify_xml.method, 'vgca.verifyXml');
  assert.equal(LEGACY_FUNCTIONS.vgca_sign_file.method, 'vgca.signFile');
  assert.equal(LEGACY_FUNCTIONS.vgca_verify_msg.method, 'vgca.verifyMsg');
  assert.equal(LEGACY_FUNCTIONS.vgca_sign_office.method, 'vgca.signOffice');
  assert.equal(LEGACY_FUNCTIONS.vgca_verify_office.method, 'vgca.verifyOffice');
  assert.equal(LEGACY_FUNCTIONS.vgca_get_certinfo.method, 'vgca.certInfo');
  assert.equal(LEGACY_FUNCTIONS.vgca_get_version.method, 'vgca.version');
});

test('arguments as pages pass them: (json, callback), (sender, json, callback), no callback, callback only', () => {
  const callback = () => {};
  const json = '{"FileName":"https://qlvb.example/a.pdf"}';
  assert.deepEqual(readArguments('vgca_sign_approved', [json, callback]),
    { job: json, callback, sender: undefined, senderForm: false });
  assert.deepEqual(readArguments('vgca_sign_approved', [json]), { job: json, callback: null, sender: undefined, senderForm: false });
  const button = { id: 'btn-sign' };
  assert.deepEqual(readArguments('vgca_sign_msg', [button, json, callback]),
    { job: json, callback, sender: button, senderForm: true });
  assert.deepEqual(readArguments('vgca_sign_msg', [null, { HashAlg: 'SHA256' }, callback]),
    { job: { HashAlg: 'SHA256' }, callback, sender: null, senderForm: true });
  assert.deepEqual(readArguments('vgca_get_certinfo', [callback]), { job: undefined, callback, sender: undefined, senderForm: false });
  assert.throws(() => readArguments('vgca_sign_pdf_anywhere', []), TypeError);
});

test('params for the agent: the job as the page gave it; nothing invented for the functions without one', () => {
  const text = '{"FileName":"x"}';
  assert.deepEqual(agentParams('vgca_sign_issued', text), { operation: 'SignIssued', job: text });
  assert.deepEqual(agentParams('vgca_sign_files', { Files: [] }), { job: { Files: [] } });
  assert.deepEqual(agentParams('vgca_get_certinfo', undefined), {});
  assert.deepEqual(agentParams('vgca_get_certinfo', { CertificateId: 'c1' }), { job: { CertificateId: 'c1' } });
  assert.deepEqual(agentParams('vgca_get_version', ''), {});
});

test('a failure the agent never answered becomes the legacy reply: Status 1, Vietnamese Message, code, English', () => {
  const reply = failureReply(KysoError.client('LOCAL_NETWORK_ACCESS_DENIED'));
  assert.deepEqual(reply, {
    Status: 1,
    Message: CLIENT_ERRORS.LOCAL_NETWORK_ACCESS_DENIED.vi,
    MessageEn: CLIENT_ERRORS.LOCAL_NETWORK_ACCESS_DENIED.en,
    ErrorCode: 'LOCAL_NETWORK_ACCESS_DENIED'
  });
  const odd = failureReply(new Error('boom'));
  assert.equal(odd.Status, 1);
  assert.equal(odd.ErrorCode, 'AGENT_PROTOCOL_ERROR');
});

test('agent absent: the old callback gets a JSON string saying so, and the next call tries again', async () => {
  const bridge = new LegacyBridge({ url: deadUrl, timeoutMs: 2000 });
  const [text] = await callbackResult((cb) => bridge.invoke('vgca_sign_approved', ['{"FileName":"a"}', cb]));
  assert.equal(typeof text, 'string');
  const reply = JSON.parse(text);
  assert.equal(reply.Status, 1);
  assert.equal(reply.ErrorCode, 'AGENT_UNREACHABLE');
  assert.match(reply.Message, /Kyso Agent/);
  assert.equal(bridge._agent, null, 'a failed connection is not kept');
});

test('sender-shaped calls get the sender back first, as vgcaplugin.js did', async () => {
  const bridge = new LegacyBridge({ url: deadUrl, timeoutMs: 2000 });
  const sender = { id: 'btn-sign' };
  const [back, text] = await callbackResult((cb) => bridge.invoke('vgca_sign_msg',
    [sender, JSON.stringify({ HashAlg: 'SHA256', HashValue: 'AA==', Encode: 'RSA' }), cb]));
  assert.equal(back, sender);
  assert.equal(JSON.parse(text).ErrorCode, 'AGENT_UNREACHABLE');
});

test('an agent that refuses the page: ORIGIN_NOT_ALLOWED with the agent texts in the legacy reply', async () => {
  const target = {};
  install(target, { url: () => refusingUrl, timeoutMs: 2000 });
  for (const name of LEGACY_FUNCTION_NAMES) assert.equal(typeof target[name], 'function', name);
  const [text] = await callbackResult((cb) => target.vgca_get_certinfo(cb));
  assert.deepEqual(JSON.parse(text), { Status: 1, Message: 'Trang chưa được phép', MessageEn: 'Not allowed', ErrorCode: 'ORIGIN_NOT_ALLOWED' });
});

function loadCompat (src, agentUrl) {
  const errors = [];
  const window = {
    document: { currentScript: { src, getAttribute: (n) => (n === 'data-agent-url' ? agentUrl : null) } },
    location: { href: 'http://qlvb.example/' },
    console: { error: (...a) => errors.push(a) }
  };
  const context = vm.createContext({ window, URL, Promise, JSON, setTimeout, clearTimeout, AbortController, fetch });
  new vm.Script(fs.readFileSync(COMPAT, 'utf8'), {
    filename: COMPAT, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  }).runInContext(context);
  return { window, errors };
}

test('the rest of the client missing on the server: a legacy reply with its own code, the same texts as errors.js', async () => {
  const { window, errors } = loadCompat('file:///nonexistent-kyso/vgca-compat.js', deadUrl);
  const sender = { id: 'b' };
  const [back, text] = await callbackResult((cb) => window.vgca_sign_msg(sender, '{}', cb));
  assert.equal(back, sender);
  assert.deepEqual(JSON.parse(text), { Status: 1, Message: CLIENT_ERRORS.CLIENT_SCRIPT_LOAD_FAILED.vi,
    MessageEn: CLIENT_ERRORS.CLIENT_SCRIPT_LOAD_FAILED.en, ErrorCode: 'CLIENT_SCRIPT_LOAD_FAILED' });
  assert.equal(errors.length, 1);
});

test('the compatibility file is a classic script: globals at once, the agent URL from data-agent-url', async () => {
  const source = fs.readFileSync(COMPAT, 'utf8');
  const errors = [];
  const window = {
    document: {
      currentScript: { src: pathToFileURL(COMPAT).href, getAttribute: (n) => (n === 'data-agent-url' ? deadUrl : null) }
    },
    location: { href: 'http://qlvb.example/' },
    console: { error: (...a) => errors.push(a) }
  };
  const context = vm.createContext({ window, URL, Promise, JSON, setTimeout, clearTimeout, AbortController, fetch });
  // parsed as a script, not a module: import/export statements would be a syntax error here
  new vm.Script(source, {
    filename: COMPAT,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
  }).runInContext(context);
  for (const name of LEGACY_FUNCTION_NAMES) assert.equal(typeof window[name], 'function', name);
  assert.equal(window.KysoVgca.agentUrl(), deadUrl);
  const [text] = await callbackResult((cb) => window.vgca_sign_issued('{"DocNumber":"12/QĐ-UBND"}', cb));
  assert.deepEqual(errors, []);
  assert.equal(JSON.parse(text).ErrorCode, 'AGENT_UNREACHABLE');
});
