// A 20 MB PDF chosen in the page travels to the agent in binary frames, with progress events all the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openDemo, screenshot, paddedPdf, writeArtifact } from './harness.mjs';

let browser;
let page;

before(async () => {
  const launched = await launch();
  browser = launched.browser;
  ({ page } = await openDemo(launched.context));
});
after(async () => { await browser?.close(); });

test('a 20 MB PDF uploads with progress events and is verified (no signature) in Vietnamese', async () => {
  const size = 20 * 1024 * 1024;
  const pdf = paddedPdf(size);
  assert.equal(pdf.length, size);
  await page.setInputFiles('#incoming-file', { name: 'van-ban-den-20MB.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('message').dataset.kind), null,
    { timeout: 120000 });
  const outcome = await page.textContent('#message');
  assert.equal(await page.getAttribute('#message', 'data-kind'), 'ok', outcome);
  assert.equal(await page.getAttribute('#report', 'data-indication'), 'INDETERMINATE');
  assert.match(await page.textContent('#report'), /không có chữ ký số nào/);

  const { progress, lastUpload } = await page.evaluate(() => window.kysoDemo);
  const uploads = progress.filter((p) => p.phase === 'upload');
  assert.ok(uploads.length >= 19, `about one progress event per MiB, got ${uploads.length}`);
  for (let i = 1; i < uploads.length; i++) assert.ok(uploads[i].loaded > uploads[i - 1].loaded, 'progress only grows');
  assert.equal(uploads.at(-1).loaded, size, 'the last event reports every byte');
  assert.equal(await page.textContent('#progress-text'), `Đang gửi: 20.0 / 20.0 MB (100%)`);
  const seconds = (uploads.at(-1).at - uploads[0].at) / 1000;
  const rate = (size / 1048576) / (lastUpload.ms / 1000);
  console.log(`20 MB upload + verification: ${lastUpload.ms.toFixed(0)} ms; upload progress spanned ${seconds.toFixed(2)} s`);
  writeArtifact('upload-20mb.json', JSON.stringify({ size, totalMs: lastUpload.ms, events: uploads.length, rateMBps: rate }, null, 2));
  await screenshot(page, '20-1-upload-20mb');
});
