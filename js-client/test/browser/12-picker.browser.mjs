// The demo's certificate pickers mark what a person cannot sign with before anyone picks: a certificate the agent
// found revoked (OCSP, checked in the background) is marked and cannot be chosen; the Sub CA and Root CA stored on a
// token are never offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPage, screenshot } from './harness.mjs';

const demo = demoPage();

test('a revoked certificate is marked and cannot be picked; CA certificates on a token are not offered', async () => {
  const { page } = demo;
  // Through js-client, until the agent has answered for the revoked certificate (the check runs off the request path).
  const seen = await page.evaluate(async () => {
    const { connect } = await import('/lib/kyso/index.js');
    const config = await (await fetch('/api/config')).json();
    const agent = await connect({ url: config.agentUrl });
    try {
      for (let i = 0; i < 150; i++) {
        const all = await agent.certificates({ all: true });
        const khoa = all.find((c) => c.subject.includes('CN=Đỗ Minh Khoa'));
        if (khoa?.revocation?.checkedAt) {
          const offered = (await agent.certificates()).map((c) => c.subject);
          return { khoa, ca: all.filter((c) => c.ca).map((c) => c.subject), offered };
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return null;
    } finally {
      agent.close();
    }
  });
  assert.ok(seen, 'the agent answered the revocation check within 30 s');
  assert.equal(seen.khoa.revocation.status, 'revoked', JSON.stringify(seen.khoa.revocation));
  assert.equal(seen.khoa.status, 'revoked');
  assert.equal(seen.khoa.signable, false);
  assert.ok(seen.ca.some((s) => s.includes('RootCA')), seen.ca.join(' | '));
  assert.ok(!seen.offered.some((s) => /RootCA|CA phục vụ/.test(s)), seen.offered.join(' | '));

  // The page lists again (as after a token event) and shows what the agent now knows.
  await page.reload();
  await page.waitForSelector('#agent-status[data-state="ok"]');
  const khoa = page.locator('#personal-certificate option', { hasText: 'Đỗ Minh Khoa' });
  assert.match(await khoa.textContent(), /\[đã bị thu hồi\]/);
  assert.equal(await khoa.isDisabled(), true);
  const options = await page.locator('#personal-certificate option, #organisation-certificate option').allTextContents();
  assert.ok(!options.some((t) => /RootCA|CA phục vụ/.test(t)), options.join(' | '));
  await screenshot(page, '12-1-picker-marks');
});
