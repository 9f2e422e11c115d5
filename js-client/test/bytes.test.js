import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBytes, toBase64, fromBase64, uuidToBytes, bytesToUuid, sha256Hex } from '../src/bytes.js';
import { KysoError } from '../src/index.js';

test('document ids travel as the UUID\'s 16 bytes, most significant half first', () => {
  const id = '0123abcd-4567-89ef-fedc-ba9876543210';
  const bytes = uuidToBytes(id);
  assert.deepEqual([...bytes.subarray(0, 4)], [0x01, 0x23, 0xab, 0xcd]);
  assert.equal(bytes[15], 0x10);
  assert.equal(bytesToUuid(bytes), id);
  assert.throws(() => uuidToBytes('not-a-uuid'), TypeError);
});

test('base64 round-trips every byte value and large inputs', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(fromBase64(toBase64(all)), all);
  const large = new Uint8Array(200000).map((_, i) => (i * 31) & 0xff);
  assert.deepEqual(fromBase64(toBase64(large)), large);
  assert.equal(toBase64(new TextEncoder().encode('ký số')), Buffer.from('ký số').toString('base64'));
});

test('documents may be given as Blob, ArrayBuffer or any typed array', async () => {
  const data = new Uint8Array([37, 80, 68, 70]);
  assert.deepEqual(await toBytes(new Blob([data])), data);
  assert.deepEqual(await toBytes(data.buffer), data);
  assert.deepEqual(await toBytes(new DataView(data.buffer, 1, 2)), new Uint8Array([80, 68]));
  await assert.rejects(toBytes('a file path is never accepted'), (e) => e instanceof KysoError && e.code === 'INVALID_ARGUMENT');
});

test('sha256Hex matches a known digest', async () => {
  assert.equal(await sha256Hex(new TextEncoder().encode('abc')),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
