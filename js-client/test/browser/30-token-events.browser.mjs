// Pulling the token out and plugging it back in reaches the open page as events; the certificate list follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openDemo, screenshot, control } from './harness.mjs';

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
