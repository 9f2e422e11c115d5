// Pulling the token out and plugging it back in reaches the open page as events; the certificate list follows.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoPage, outcome, forgetOutcome, screenshot, control, resetPerson, prompts } from './harness.mjs';

const TOKEN = 'VGCA Token An (TEST)';
const demo = demoPage();
let page;
after(() => control(`/token/${encodeURIComponent(TOKEN)}/plug`, 'POST').catch(() => {}));

const eventCount = (name) => page.evaluate((n) => window.kysoDemo.events.filter((e) => e.name === n).length, name);
const certificateLabels = () => page.locator('#personal-certificate option').allTextContents();

test('token removal and re-insertion events reach the page', async () => {
  page = demo.page;
  assert.ok((await certificateLabels()).some((t) => t.includes(TOKEN)));
  await control(`/token/${encodeURIComponent(TOKEN)}/unplug`, 'POST');
  await page.waitForSelector('#events li[data-event="token.removed"]', { timeout: 10000 });
  assert.match(await page.textContent('#events li[data-event="token.removed"]'), /Đã rút token “VGCA Token An \(TEST\)”/);
  await page.waitForFunction((t) => ![...document.querySelectorAll('#personal-certificate option')]
    .some((o) => o.textContent.includes(t)), TOKEN, { timeout: 10000 });
  await screenshot(page, '30-1-token-removed');

  await control(`/token/${encodeURIComponent(TOKEN)}/plug`, 'POST');
  await page.waitForSelector('#events li[data-event="token.inserted"]', { timeout: 10000 });
  await page.waitForFunction((t) => [...document.querySelectorAll('#personal-certificate option')]
    .some((o) => o.textContent.includes(t)), TOKEN, { timeout: 10000 });
  assert.equal(await eventCount('token.removed'), 1);
  assert.equal(await eventCount('token.inserted'), 1);
  await screenshot(page, '30-2-token-reinserted');
});

test('pulled out in the middle of a signature: TOKEN_REMOVED on the page; plugged back in, signing just works', async () => {
  await resetPerson('APPROVE');
  const row = page.locator('#document-list tr[data-id="cong-van-chu-ky-so"]');
  await control(`/token/${encodeURIComponent(TOKEN)}/unplug-while-signing`, 'POST');
  await forgetOutcome(page);
  await row.locator('button[data-action="approve"]').click();
  const removed = await outcome(page);
  assert.equal(removed.kind, 'error');
  assert.match(removed.text, /TOKEN_REMOVED/);
  assert.equal(await row.getAttribute('data-status'), 'DRAFT', 'nothing half-signed is stored');
  assert.equal((await prompts()).consents[0].tokenLabel, TOKEN);
  await page.waitForSelector('#events li[data-event="token.removed"]:nth-of-type(1)');
  await screenshot(page, '30-3-removed-while-signing');

  const insertedBefore = await eventCount('token.inserted');
  await control(`/token/${encodeURIComponent(TOKEN)}/plug`, 'POST');
  await page.waitForFunction((n) => window.kysoDemo.events.filter((e) => e.name === 'token.inserted').length > n,
    insertedBefore, { timeout: 10000 });
  await page.waitForFunction((t) => [...document.querySelectorAll('#personal-certificate option')]
    .some((o) => o.textContent.includes(t)), TOKEN, { timeout: 10000 });
  await resetPerson('APPROVE');
  await forgetOutcome(page);
  await row.locator('button[data-action="approve"]').click();
  const signed = await outcome(page);
  assert.equal(signed.kind, 'ok', signed.text);
  assert.equal(await row.getAttribute('data-status'), 'APPROVED', 'no agent restart needed after re-insertion');
  const person = await prompts();
  assert.equal(person.consents[0].tokenLabel, TOKEN, 'signed with the re-inserted token');
  assert.equal(person.pinPrompts, 1, 'a new PIN for the re-inserted token');
  await screenshot(page, '30-4-signed-after-reinsertion');
});
