// sign.pdf.batch from the page: one consent and one PIN for the whole list, per-document status and progress.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { env, demoPage, prompts, resetPerson, screenshot } from './harness.mjs';

const demo = demoPage();
before(() => resetPerson('APPROVE'));

test('batch: three documents, one consent, each signed and valid', async () => {
  const { page } = demo;
  const methods = await page.evaluate(() => window.kysoDemo.methods ?? []);
  assert.ok(methods.includes('sign.pdf.batch'), `the agent offers sign.pdf.batch (methods: ${methods})`);
  const result = await page.evaluate(async (agentUrl) => {
    const { connect } = await import('/lib/kyso/index.js');
    const agent = await connect({ url: agentUrl });
    const an = (await agent.certificates()).find((c) => c.subject.includes('CN=Nguyễn Văn An'));
    const ids = ['quyet-dinh-chuyen-doi-so', 'cong-van-chu-ky-so', 'thong-bao-lich-hop'];
    const items = [];
    for (const id of ids) {
      const bytes = new Uint8Array(await (await fetch(`/api/documents/${id}/pdf`)).arrayBuffer());
      items.push({ document: new File([bytes], `${id}.pdf`), preset: 'invisible' });
    }
    const progress = [];
    const batch = await agent.batch(items, { certificateId: an.id }, { onProgress: (p) => progress.push(p) });
    const verdicts = [];
    for (const item of batch.items) verdicts.push(item.bytes ? (await agent.verifyPdf(item.bytes)).indication : null);
    agent.close();
    return {
      statuses: batch.items.map((i) => i.status), names: batch.items.map((i) => i.name), complete: batch.complete,
      verdicts, signProgress: progress.filter((p) => p.phase === 'sign').length
    };
  }, env.agent);
  assert.deepEqual(result.statuses, ['SIGNED', 'SIGNED', 'SIGNED']);
  assert.equal(result.complete, true);
  assert.deepEqual(result.verdicts, ['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
  assert.equal(result.signProgress, 3, 'one batch.progress event per document');
  const person = await prompts();
  assert.equal(person.consents.length, 1, 'one consent for the whole list');
  assert.ok(person.pinPrompts <= 1, 'at most one PIN for the whole list');
  await screenshot(page, '60-1-batch');
});
