// Most document systems are served over https: such a page reaches the agent on http://127.0.0.1 (a potentially
// trustworthy origin, so no mixed-content block) and signs like the http page does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, demoPage, outcome, forgetOutcome, resetPerson, prompts, screenshot } from './harness.mjs';

// The page's certificate is self-signed for this run; the agent itself uses no TLS.
const demo = demoPage({ url: env.secure, args: ['--ignore-certificate-errors'] });

test('an https page connects to the agent on http://127.0.0.1 and signs', async () => {
  const { page } = demo;
  assert.ok(env.secure.startsWith('https://'));
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'ok', await page.textContent('#agent-status'));
  assert.equal(await page.evaluate(() => window.isSecureContext), true);
  await resetPerson('APPROVE');
  const row = page.locator('#document-list tr[data-id="thong-bao-lich-hop"]');
  await forgetOutcome(page);
  await row.locator('button[data-action="approve"]').click();
  const signed = await outcome(page);
  assert.equal(signed.kind, 'ok', signed.text);
  assert.equal(await row.getAttribute('data-status'), 'APPROVED');
  const { consents } = await prompts();
  assert.equal(consents.length, 1);
  assert.equal(consents[0].origin, env.secure, 'the consent names the https origin');
  await screenshot(page, '15-1-https-page-signed');
});
