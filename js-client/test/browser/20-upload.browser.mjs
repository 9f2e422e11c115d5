// A 20 MB PDF chosen in the page travels to the agent in binary frames, with progress events all the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPage, outcome, forgetOutcome, screenshot, paddedPdf, writeArtifact } from './harness.mjs';

const demo = demoPage();

test('a 20 MB PDF uploads with progress events and is verified (no signature) in Vietnamese', async () => {
  const { page } = demo;
  const size = 20 * 1024 * 1024;
  const pdf = paddedPdf(size);
  assert.equal(pdf.length, size);
  await forgetOutcome(page);
  await page.setInputFiles('#incoming-file', { name: 'van-ban-den-20MB.pdf', mimeType: 'application/pdf', buffer: pdf });
  const verified = await outcome(page);
  assert.equal(verified.kind, 'ok', verified.text);
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
