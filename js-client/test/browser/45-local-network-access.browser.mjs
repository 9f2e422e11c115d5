// Chrome's Local Network Access: a document system served from an intranet address (not loopback) may not reach the
// agent on 127.0.0.1 until the browser allows it. The client must say so, naming the permission; once allowed
// (administrators: policy LocalNetworkAccessAllowedForUrls) the same page works.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, openDemo, screenshot } from './harness.mjs';

const browsers = [];
after(async () => { for (const b of browsers) await b.close(); });

test('an intranet page blocked by Local Network Access gets LOCAL_NETWORK_ACCESS_DENIED naming the permission', async (t) => {
  if (!env.lan) {
    t.skip('this machine has no network address besides loopback');
    return;
  }
  const { browser, context } = await launch();
  browsers.push(browser);
  const { page } = await openDemo(context, env.lan);
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'error');
  assert.equal(await page.getAttribute('#agent-status', 'data-code'), 'LOCAL_NETWORK_ACCESS_DENIED');
  const text = await page.textContent('#agent-status');
  assert.match(text, /Local Network Access/);
  assert.match(text, /LocalNetworkAccessAllowedForUrls/);
  await screenshot(page, '45-1-local-network-access-denied');
});

test('the same intranet page works once the browser allows local network access', async (t) => {
  if (!env.lan) {
    t.skip('this machine has no network address besides loopback');
    return;
  }
  // Stands for the administrator's policy: the checks are off for this browser only.
  const { browser, context } = await launch(['--disable-features=LocalNetworkAccessChecks']);
  browsers.push(browser);
  const { page } = await openDemo(context, env.lan);
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'ok', await page.textContent('#agent-status'));
  const personal = await page.locator('#personal-certificate option').allTextContents();
  assert.ok(personal.some((label) => label.includes('Nguyễn Văn An')), personal.join(' | '));
  await screenshot(page, '45-2-local-network-access-allowed');
});
