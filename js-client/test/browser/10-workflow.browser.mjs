// Approve → issue → copy → verify in the demo document system, through the real agent, as an official would click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, demoPage, outcome, forgetOutcome as forgetOutcomeOf, resetPerson, prompts, screenshot } from './harness.mjs';

const demo = demoPage();
const DOC = 'quyet-dinh-chuyen-doi-so';
let page;
const row = (id = DOC) => page.locator(`#document-list tr[data-id="${id}"]`);
const finished = () => outcome(page);
const forgetOutcome = () => forgetOutcomeOf(page);

test('the page connects to the agent and lists the certificates of the tokens', async () => {
  page = demo.page;
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'ok', await page.textContent('#agent-status'));
  const personal = await page.locator('#personal-certificate option').allTextContents();
  assert.ok(personal.some((t) => t.includes('Nguyễn Văn An')), personal.join(' | '));
  const organisation = await page.$eval('#organisation-certificate', (s) => s.selectedOptions[0].textContent);
  assert.match(organisation, /Sở Khoa học và Công nghệ/);
  assert.equal(await row().getAttribute('data-status'), 'DRAFT');
  await screenshot(page, '10-1-document-list');
});

test('a refused consent reaches the page as CONSENT_REFUSED in Vietnamese and English, nothing is stored', async () => {
  await resetPerson('REFUSE');
  await forgetOutcome();
  await row().locator('button[data-action="approve"]').click();
  const refused = await finished();
  assert.equal(refused.kind, 'error');
  assert.match(refused.text, /CONSENT_REFUSED/);
  assert.equal((await prompts()).pinPrompts, 0, 'no PIN is asked after a refusal');
  assert.equal(await row().getAttribute('data-status'), 'DRAFT');
  await screenshot(page, '10-2-consent-refused');
});

test('a mistyped PIN reaches the page as PIN_INCORRECT in both languages and is never retried', async () => {
  await resetPerson('APPROVE', { pin: 'wrong' });
  await forgetOutcome();
  await row().locator('button[data-action="approve"]').click();
  const mistyped = await finished();
  assert.equal(mistyped.kind, 'error');
  assert.match(mistyped.text, /PIN_INCORRECT/);
  assert.ok(await page.textContent('#message .en'), 'the English message is shown under the Vietnamese one');
  assert.equal((await prompts()).pinPrompts, 1, 'one PIN typed, one try: the agent never retries');
  assert.equal(await row().getAttribute('data-status'), 'DRAFT');
  await screenshot(page, '10-2b-wrong-pin');
});

test('Ký số (approve): the agent asks the person, the page shows the signed PDF with the signature image', async () => {
  await resetPerson('APPROVE');
  await forgetOutcome();
  await row().locator('button[data-action="approve"]').click();
  const done = await finished();
  assert.equal(done.kind, 'ok', done.text);
  assert.equal(await row().getAttribute('data-status'), 'APPROVED');
  const { consents, pinPrompts } = await prompts();
  assert.equal(consents.length, 1);
  assert.equal(consents[0].origin, env.web);
  assert.equal(consents[0].operationVi, 'Ký phê duyệt');
  assert.equal(consents[0].documentName, `${DOC}.pdf`);
  assert.equal(consents[0].pages, 1);
  assert.match(consents[0].signer, /Nguyễn Văn An/);
  assert.equal(consents[0].blind, false);
  assert.ok(pinPrompts <= 1, 'at most one PIN prompt');
  await page.waitForSelector('#pages[data-rendered="1"]');
  await screenshot(page, '10-3-approved');
});

test('Phát hành (issue): the clerk enters số/ký hiệu and date, the seal is added with the organisation key', async () => {
  await resetPerson('APPROVE');
  await row().locator('button[data-action="issue"]').click();
  await page.fill('#issue-number', '15/QĐ-SKHCN');
  await page.fill('#issue-date', '2026-11-27');
  await screenshot(page, '10-4-issue-dialog');
  await forgetOutcome();
  await page.click('#issue-confirm');
  const done = await finished();
  assert.equal(done.kind, 'ok', done.text);
  assert.equal(await row().getAttribute('data-status'), 'ISSUED');
  assert.match(await row().textContent(), /15\/QĐ-SKHCN/);
  const { consents } = await prompts();
  assert.equal(consents.length, 1);
  assert.equal(consents[0].operationVi, 'Phát hành văn bản');
  assert.match(consents[0].signer, /Sở Khoa học và Công nghệ/);
  await page.waitForSelector('#pages[data-rendered="1"]');
  await screenshot(page, '10-5-issued');
});

test('Kiểm tra chữ ký (verify): both signatures are valid and the report is in Vietnamese', async () => {
  await forgetOutcome();
  await row().locator('button[data-action="verify"]').click();
  const done = await finished();
  assert.equal(done.kind, 'ok', done.text);
  assert.equal(await page.getAttribute('#report', 'data-indication'), 'TOTAL_PASSED');
  const indications = await page.locator('#report .signature').evaluateAll((nodes) => nodes.map((n) => n.dataset.indication));
  assert.ok(indications.length >= 2, `expected the approval and the seal, got ${indications}`);
  assert.ok(indications.every((i) => i === 'TOTAL_PASSED'), indications.join(','));
  const text = await page.textContent('#report');
  assert.match(text, /Kết quả kiểm tra: Hợp lệ/);
  assert.match(text, /Nguyễn Văn An/);
  assert.match(text, /Còn nguyên vẹn/);
  await screenshot(page, '10-6-verified');
});

test('Sao y (electronic copy): a new signed copy appears and verifies as valid', async () => {
  await resetPerson('APPROVE');
  await forgetOutcome();
  await row().locator('button[data-action="copy"]').click();
  const done = await finished();
  assert.equal(done.kind, 'ok', done.text);
  const copy = page.locator('#document-list tr[data-status="COPY"]').first();
  await forgetOutcome();
  await copy.locator('button[data-action="verify"]').click();
  const verified = await finished();
  assert.equal(verified.kind, 'ok', verified.text);
  assert.equal(await page.getAttribute('#report', 'data-indication'), 'TOTAL_PASSED');
  assert.equal((await prompts()).consents[0].operationVi, 'Ký bản sao điện tử');
  await screenshot(page, '10-7-copy-verified');
});

test('the page never sees the PIN: not in any frame, request, field or script state', async () => {
  const haystacks = [...demo.seen.framesSent, ...demo.seen.framesReceived, ...demo.seen.requests.map((r) => r.url + ' ' + r.body)];
  assert.ok(demo.seen.framesSent.length > 0, 'the page talked to the agent');
  for (const text of haystacks) assert.ok(!text.includes(env.pin), `PIN found in: ${text.slice(0, 200)}`);
  assert.equal(await page.locator('input[type="password"]').count(), 0);
  const state = await page.evaluate(() => JSON.stringify(window.kysoDemo) + document.documentElement.outerHTML);
  assert.ok(!state.includes(env.pin));
  assert.ok(!demo.seen.console.some((line) => line.includes(env.pin)));
});
