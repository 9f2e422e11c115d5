// The same vgcaplugin.js page signs an e-invoice: vgca_sign_xml (through vgca-compat.js) has the agent download the
// invoice XML from the document system, the person approve what the dialog shows of it, the token sign, and the signed
// invoice go to the page's FileUploadHandler; vgca_verify_xml then checks what the handler stored. BrowserTest judges
// the uploaded invoice in Java (LegacyUploadChecks: our verifier, EU DSS and xmlsec1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, watch, screenshot, prompts, resetPerson, pressLegacy, legacyCertificate } from './harness.mjs';

const legacy = process.env.KYSO_LEGACY_URL;

let browser;
let context;

before(async () => {
  assert.ok(legacy, 'KYSO_LEGACY_URL is set by BrowserHarness');
  ({ browser, context } = await launch());
});
after(async () => { await browser?.close(); });

test('a vgcaplugin.js page signs an e-invoice with vgca_sign_xml, delivered to its handler, and verifies it', async () => {
  await resetPerson('APPROVE');
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(legacy + '/');
  const organisation = await legacyCertificate(page, 'VGCA Token Con dau (TEST)');
  assert.ok(organisation, 'the organisation certificate is listed');
  await page.fill('#cert-org', organisation);

  const signed = await pressLegacy(page, '#btn-sign-xml', 'sign-xml');
  assert.equal(signed.Status, 0, JSON.stringify(signed));
  assert.equal(signed.FileName, 'seller.xml');
  assert.equal(signed.FileServer, `http://localhost:${new URL(legacy).port}/files/seller.xml`);

  const person = await prompts();
  assert.equal(person.consents.length, 1, 'one consent for the invoice');
  const consent = person.consents[0];
  assert.equal(consent.origin, legacy);
  assert.equal(consent.documentName, 'invoice.xml');
  assert.match(consent.documentSha256, /^[0-9a-f]{64}$/);
  // the person saw what is signed: the invoice data by its Id, number, seller, buyer and total
  const shown = consent.contents.join('\n');
  assert.match(shown, /DLHDon-C26TNB-0000457/);
  assert.match(shown, /0000457/);
  assert.match(shown, /Tràng An/);
  assert.match(shown, /Sở Khoa học và Công nghệ tỉnh Ninh Bình/);
  assert.match(shown, /13200000|13\.200\.000|13,200,000/);

  // vgca_verify_xml on what the handler stored (the page now points at the signed invoice)
  const verified = await pressLegacy(page, '#btn-verify-xml', 'verify-xml');
  assert.equal(verified.Status, 0, JSON.stringify({ ...verified, Report: undefined }));
  assert.equal(verified.FileName, 'seller.xml');
  assert.equal(verified.Signatures.length, 1);
  assert.equal(verified.Signatures[0].Indication, 'TOTAL_PASSED', JSON.stringify(verified.Signatures));
  assert.ok(verified.Signatures[0].IsValid);

  const elsewhere = seen.requests.filter((r) => !r.url.startsWith(legacy) && !r.url.startsWith(env.agent));
  assert.deepEqual(elsewhere, []);
  assert.ok(!seen.requests.some((r) => r.url.includes('/files/')), 'the browser never fetched the invoice itself');
  await screenshot(page, '75-1-legacy-page-sign-verify-invoice');
});

test('vgca_verify_xml on the unsigned invoice answers that it carries no signature', async () => {
  await resetPerson('APPROVE');
  const page = await context.newPage();
  await page.goto(legacy + '/');
  assert.equal(await page.inputValue('#invoice-url'), legacy + '/files/invoice.xml');
  const unsigned = await pressLegacy(page, '#btn-verify-xml', 'verify-xml');
  assert.equal(unsigned.Status, 1, JSON.stringify(unsigned));
  assert.deepEqual(unsigned.Signatures, []);
  assert.match(unsigned.Message, /không có chữ ký/);
  assert.match(unsigned.MessageEn, /no signature/);
  assert.equal((await prompts()).consents.length, 0, 'verifying asks nobody');
});
