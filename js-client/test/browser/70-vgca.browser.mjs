// A document system written for VGCA's vgcaplugin.js, with only its script tag swapped for vgca-compat.js: its own
// buttons and callbacks drive approve → issue → copy → verify through the real agent, which downloads from and uploads
// to that system's FileUploadHandler. BrowserTest then checks, in Java, what the handler received (our verifier and
// EU DSS) and that the foreign server counted no request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, watch, screenshot, prompts, resetPerson } from './harness.mjs';

const legacy = process.env.KYSO_LEGACY_URL;
const foreign = process.env.KYSO_LEGACY_FOREIGN_URL;
const FUNCTIONS = ['vgca_sign_approved', 'vgca_sign_issued', 'vgca_sign_copy', 'vgca_sign_appendix', 'vgca_sign_income',
  'vgca_comment', 'vgca_sign_files', 'vgca_sign_msg', 'vgca_verify_pdf', 'vgca_get_certinfo', 'vgca_get_version'];

let browser;
let context;

before(async () => {
  assert.ok(legacy && foreign, 'KYSO_LEGACY_URL and KYSO_LEGACY_FOREIGN_URL are set by BrowserHarness');
  ({ browser, context } = await launch());
});
after(async () => { await browser?.close(); });

async function openLegacy () {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(legacy + '/');
  return { page, seen };
}

/** Clicks one of the page's buttons and returns the reply text its callback logged for that step. */
async function press (page, button, step) {
  const before = await page.locator(`.result[data-step="${step}"]`).count();
  await page.click(button);
  const entry = page.locator(`.result[data-step="${step}"]`).nth(before);
  await entry.waitFor({ timeout: 120000 });
  const text = await entry.getAttribute('data-reply');
  assert.equal(typeof text, 'string');
  return JSON.parse(text);
}

/** The certificate ids an integrator passes when the workstation holds several (from js-client's tokens.list). */
async function certificateIds (page) {
  return page.evaluate(async (agentUrl) => {
    const { connect } = await import('/js/kyso/index.js');
    const agent = await connect({ url: agentUrl, reconnect: false });
    try {
      const all = await agent.certificates();
      const pick = (label) => all.find((c) => c.token.label === label)?.id;
      return { personal: pick('VGCA Token An (TEST)'), organisation: pick('VGCA Token Con dau (TEST)') };
    } finally {
      agent.close();
    }
  }, env.agent);
}

test('a vgcaplugin.js page signs approve → issue → copy and verifies, through vgca-compat.js and the agent', async () => {
  await resetPerson('APPROVE');
  const { page, seen } = await openLegacy();
  const defined = await page.evaluate((names) => names.filter((n) => typeof window[n] === 'function'), FUNCTIONS);
  assert.deepEqual(defined, FUNCTIONS, 'every legacy function is defined by the one script tag');

  const ids = await certificateIds(page);
  assert.ok(ids.personal && ids.organisation, JSON.stringify(ids));
  await page.fill('#cert-personal', ids.personal);
  await page.fill('#cert-org', ids.organisation);

  const approved = await press(page, '#btn-approve', 'approved');
  assert.equal(approved.Status, 0, JSON.stringify(approved));
  assert.equal(approved.FileServer, `http://localhost:${new URL(legacy).port}/files/approved.pdf`);
  assert.equal(approved.FileName, 'approved.pdf');

  const issued = await press(page, '#btn-issue', 'issued');
  assert.equal(issued.Status, 0, JSON.stringify(issued));
  assert.equal(issued.DocumentNumber, '15/QĐ-SKHCN');
  assert.match(issued.DocumentDate, /\d/);
  assert.ok(issued.FileServer.endsWith('/files/issued.pdf'));

  const copied = await press(page, '#btn-copy', 'copy');
  assert.equal(copied.Status, 0, JSON.stringify(copied));
  assert.ok(copied.FileServer.endsWith('/files/copy.pdf'));

  const verified = await press(page, '#btn-verify', 'verify');
  assert.equal(verified.Status, 0, JSON.stringify({ ...verified, Report: undefined }));
  assert.equal(verified.Signatures.length, 3);
  assert.ok(verified.Signatures.every((s) => s.IsValid && s.Indication === 'TOTAL_PASSED'), JSON.stringify(verified.Signatures));

  const version = await page.evaluate(() => new Promise((resolve) => window.vgca_get_version((rv) => resolve(rv))));
  assert.equal(typeof version, 'string', 'callbacks get JSON text, as from vgcaplugin.js');
  assert.equal(JSON.parse(version).Status, 0);
  assert.equal(JSON.parse(version).Product, 'Kyso Agent');

  const person = await prompts();
  assert.deepEqual(person.consents.map((c) => c.origin), [legacy, legacy, legacy], 'one consent per signature');
  assert.ok(person.consents.every((c) => c.operationVi && c.documentSha256), JSON.stringify(person.consents));
  // the page itself only talked to its own server and the agent: documents travel agent ↔ document system
  const elsewhere = seen.requests.filter((r) => !r.url.startsWith(legacy) && !r.url.startsWith(env.agent));
  assert.deepEqual(elsewhere, []);
  assert.ok(!seen.requests.some((r) => r.url.includes('/files/')), 'the browser never fetched a document itself');
  await screenshot(page, '70-1-legacy-page-approve-issue-copy-verify');
});

test('a page asking to download from or upload to a foreign origin gets URL_NOT_ALLOWED in the legacy reply', async () => {
  await resetPerson('APPROVE');
  const { page, seen } = await openLegacy();
  const ids = await certificateIds(page);
  await page.fill('#cert-personal', ids.personal);

  await page.fill('#file-url', foreign + '/files/draft.pdf');
  const download = await press(page, '#btn-approve', 'approved');
  assert.equal(download.Status, 1);
  assert.equal(download.ErrorCode, 'URL_NOT_ALLOWED');
  assert.match(download.Message, /\S/);
  assert.match(download.MessageEn, /\S/);

  await page.fill('#file-url', legacy + '/files/draft.pdf');
  await page.fill('#upload-handler', foreign + '/FileUploadHandler');
  const upload = await press(page, '#btn-approve', 'approved');
  assert.equal(upload.Status, 1);
  assert.equal(upload.ErrorCode, 'URL_NOT_ALLOWED');

  assert.equal((await prompts()).consents.length, 0, 'refused before anyone is asked to sign');
  assert.ok(!seen.requests.some((r) => r.url.startsWith(foreign)), 'the browser sent nothing there either');
  await screenshot(page, '70-2-legacy-page-foreign-origin-refused');
});

test('agent absent: the old callback gets a legacy reply saying so, in Vietnamese and English', async () => {
  const page = await context.newPage();
  // the same page, configured (data-agent-url) for an agent that is not running
  const dead = 'http://127.0.0.1:9';
  await page.route(legacy + '/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(`data-agent-url="${env.agent}"`, `data-agent-url="${dead}"`);
    assert.ok(html.includes(dead));
    await route.fulfill({ response, body: html });
  });
  await page.goto(legacy + '/');
  assert.equal(await page.evaluate(() => window.KysoVgca.agentUrl()), dead);
  const reply = await press(page, '#btn-approve', 'approved');
  assert.equal(reply.Status, 1);
  assert.equal(reply.ErrorCode, 'AGENT_UNREACHABLE');
  assert.match(reply.Message, /Kyso Agent/);
  assert.match(reply.MessageEn, /Kyso Agent/);
  await screenshot(page, '70-3-legacy-page-agent-absent');
});
