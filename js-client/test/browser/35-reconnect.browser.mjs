// The agent restarts (update, crash): the page is told, reconnects by itself, and signs again without a reload.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { demoPage, screenshot, control, resetPerson } from './harness.mjs';

const demo = demoPage();
before(() => resetPerson('APPROVE'));

test('after an agent restart the page reconnects by itself and works again', async () => {
  const { page } = demo;
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'ok');
  await control('/agent/restart', 'POST');
  await page.waitForSelector('#events li[data-event="connection.lost"]', { timeout: 10000 });
  await page.waitForSelector('#events li[data-event="connection.restored"]', { timeout: 20000 });
  assert.equal(await page.getAttribute('#agent-status', 'data-state'), 'ok');
  await screenshot(page, '35-1-reconnected');

  // The restored connection signs: the certificates are back and a hash is signed.
  const signature = await page.evaluate(async () => {
    const { connect } = await import('/lib/kyso/index.js');
    const config = await (await fetch('/api/config')).json();
    const agent = await connect({ url: config.agentUrl });
    const an = (await agent.certificates()).find((c) => c.subject.includes('CN=Nguyễn Văn An'));
    const result = await agent.signHash({ certificateId: an.id, hash: new Uint8Array(32).fill(1) });
    agent.close();
    return result.signature.length;
  });
  assert.equal(signature, 256);
});
