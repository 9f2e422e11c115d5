// Figures measured from the page with performance.now(): signHash and 1-page signPdf round trips, 20 MB upload rate.
// Not a timed test: the figures are printed and kept as an artefact; the assertions check that the work was real.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { env, demoPage, prompts, resetPerson, median, writeArtifact } from './harness.mjs';

const demo = demoPage();
before(() => resetPerson('APPROVE'));

test('round trips from the page: signHash ×50, 1-page signPdf ×10, 20 MB upload', async () => {
  const { page } = demo;
  const m = await page.evaluate(async (agentUrl) => {
    const { connect } = await import('/lib/kyso/index.js');
    const agent = await connect({ url: agentUrl });
    const an = (await agent.certificates()).find((c) => c.subject.includes('CN=Nguyễn Văn An'));
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('Công văn 45/SKHCN')));
    const hashMs = [];
    let signature;
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      signature = await agent.signHash({ certificateId: an.id, hash });
      hashMs.push(performance.now() - t);
    }
    const pdf = new Uint8Array(await (await fetch('/api/documents/thong-bao-lich-hop/pdf')).arrayBuffer());
    const pdfMs = [];
    let signed;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      signed = await agent.signPdf(new File([pdf], 'thong-bao.pdf'), { certificateId: an.id, preset: 'invisible' });
      pdfMs.push(performance.now() - t);
    }
    const big = new Uint8Array(20 * 1024 * 1024);
    for (let p = 0; p < big.length; p += 65536) crypto.getRandomValues(big.subarray(p, p + 65536));
    const t = performance.now();
    const upload = await agent.upload(big, { name: 'upload-20MB.bin' });
    const uploadMs = performance.now() - t;
    await agent.remove(upload.documentId);
    agent.close();
    return {
      hashMs, pdfMs, uploadMs, uploadSize: upload.size, signatureBytes: signature.signature.length,
      algorithm: signature.algorithm, pdfSize: pdf.length, signedSize: signed.bytes.length, level: signed.level
    };
  }, env.agent);

  assert.equal(m.signatureBytes, 256, 'RSA-2048 signature');
  assert.equal(m.uploadSize, 20 * 1024 * 1024);
  assert.ok(m.signedSize > m.pdfSize);
  const person = await prompts();
  assert.equal(person.consents.length, 60, 'every signature was approved by the person, one by one');
  assert.equal(person.consents.filter((c) => c.blind).length, 50, 'hash signing is shown as blind');

  const figures = {
    signHashMedianMs: median(m.hashMs),
    signPdfOnePageMedianMs: median(m.pdfMs),
    signPdfLevel: m.level,
    upload20MBms: m.uploadMs,
    uploadMBps: (m.uploadSize / 1048576) / (m.uploadMs / 1000),
    samples: { signHash: m.hashMs.length, signPdf: m.pdfMs.length }
  };
  console.log(`signHash median ${figures.signHashMedianMs.toFixed(1)} ms (N=50); ` +
    `1-page signPdf (${m.level}, upload+sign+download) median ${figures.signPdfOnePageMedianMs.toFixed(0)} ms (N=10); ` +
    `20 MB upload ${figures.upload20MBms.toFixed(0)} ms = ${figures.uploadMBps.toFixed(1)} MB/s`);
  writeArtifact('measurements.json', JSON.stringify(figures, null, 2));
});
