// Pulling the token out and plugging it back in reaches the open page as events; the certificate list follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openDemo, screenshot, control, resetPerson, prompts } from './harness.mjs';

const TOKEN = 'VGCA Token An (TEST)';
let browser;
let page;

before(async () => {
  const launched = await launch();
  browser = launched.browser;
  ({ page } = await openDemo(launched.context));
});
after(async () => {
  await control(`/token/${encodeURIComponent(TOKEN)}/plug`, 'POST').catch(() => {});
  await browser?.close();
});

const eventCount = (name) => page.evaluate((n) => window.kysoDemo.events.filter((e) => e.name === n).length, name);
const certificateLabels = () => page.locator('#personal-certificate option').allTextContents();

test('token removal and re-insertion events reach the page', async () => {
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
  await row.locator('button[data-action="approve"]').click();
  await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('message').dataset.kind), null,
    { timeout: 60000 });
  assert.equal(await page.getAttribute('#message', 'data-kind'), 'error');
  assert.match(await page.textContent('#message'), /TOKEN_REMOVED/);
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
  await row.locator('button[data-action="approve"]').click();
  await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('message').dataset.kind), null,
    { timeout: 60000 });
  assert.equal(await page.getAttribute('#message', 'data-kind'), 'ok', await page.textContent('#message'));
  assert.equal(await row.getAttribute('data-status'), 'APPROVED', 'no agent restart needed after re-insertion');
  const person = await prompts();
  assert.equal(person.consents[0].tokenLabel, TOKEN, 'signed with the re-inserted token');
  assert.equal(person.pinPrompts, 1, 'a new PIN for the re-inserted token');
  await screenshot(page, '30-4-signed-after-reinsertion');
});
