// The same vgcaplugin.js page signs an attachment that has no signature format of its own (a CSV list):
// vgca_sign_file has the agent download it, the person approve what the dialog shows (name, SHA-256, kind, size), the
// token sign a detached CAdES, and the .p7s go to the page's FileUploadHandler; vgca_verify_msg then checks the .p7s
// against the file the page holds, and against the file with one byte added. BrowserTest judges the uploaded .p7s in
// Java (LegacyFileChecks: EU DSS and our CMS verifier).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot, prompts, resetPerson, pressLegacy, legacyCertificate } from './harness.mjs';

const legacy = process.env.KYSO_LEGACY_URL;

let browser;
let context;

before(async () => {
  assert.ok(legacy, 'KYSO_LEGACY_URL is set by BrowserHarness');
  ({ browser, context } = await launch());
});
after(async () => { await browser?.close(); });

test('a vgcaplugin.js page signs any file with vgca_sign_file and checks it with vgca_verify_msg', async () => {
  await resetPerson('APPROVE');
  const page = await context.newPage();
  await page.goto(legacy + '/');
  const personal = await legacyCertificate(page, 'VGCA Token An (TEST)');
  assert.ok(personal, 'the personal certificate is listed');
  await page.fill('#cert-personal', personal);

  const signed = await pressLegacy(page, '#btn-sign-file', 'sign-file');
  assert.equal(signed.Status, 0, JSON.stringify(signed));
  assert.equal(signed.FileName, 'attachment.p7s');

  const person = await prompts();
  assert.equal(person.consents.length, 1, 'one consent for the file');
  const consent = person.consents[0];
  assert.equal(consent.origin, legacy);
  assert.equal(consent.documentName, 'bang-ke.csv');
  assert.match(consent.documentSha256, /^[0-9a-f]{64}$/);
  assert.equal(consent.blind, false, 'the agent holds the file it signs');
  const shown = consent.contents.join('\n');
  assert.match(shown, /size: \d+ byte/);
  assert.match(shown, /\.p7s/);

  const verified = await pressLegacy(page, '#btn-verify-msg', 'verify-msg');
  assert.equal(verified.Status, 0, JSON.stringify({ ...verified, Report: undefined }));
  assert.equal(verified.Signatures.length, 1);
  assert.ok(verified.Signatures[0].IsValid, JSON.stringify(verified.Signatures));
  assert.equal(verified.Signatures[0].SignerName, 'Nguyễn Văn An');
  assert.equal(verified.Report.signatures[0].level, 'CAdES-BASELINE-T');

  const changed = await pressLegacy(page, '#btn-verify-msg-changed', 'verify-msg-changed');
  assert.equal(changed.Status, 1, JSON.stringify({ ...changed, Report: undefined }));
  assert.equal(changed.Signatures[0].SubIndication, 'HASH_FAILURE');
  assert.equal((await prompts()).consents.length, 1, 'verifying asks nobody');
  await screenshot(page, '78-1-legacy-page-sign-verify-file');
});
