import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xmlSignParams, KysoError } from '../src/index.js';

const invalid = (param) => (e) => e instanceof KysoError && e.code === 'INVALID_ARGUMENT' && e.details.param === param;

test('an e-invoice is enveloped XMLDSig by default', () => {
  assert.deepEqual(xmlSignParams(), { format: 'xmldsig', packaging: 'enveloped' });
  assert.deepEqual(xmlSignParams({ xpath: '/HDon/DSCKS/NMua', referenceId: 'data' }),
    { format: 'xmldsig', packaging: 'enveloped', xpath: '/HDon/DSCKS/NMua', referenceId: 'data' });
});

test('XAdES takes a level; XMLDSig does not', () => {
  assert.deepEqual(xmlSignParams({ format: 'xades', level: 'B-LTA', packaging: 'detached', mimeType: 'text/xml' }),
    { format: 'xades', packaging: 'detached', level: 'B-LTA', mimeType: 'text/xml' });
  assert.throws(() => xmlSignParams({ level: 'B-T' }), invalid('level'));
  assert.throws(() => xmlSignParams({ format: 'xades', level: 'B-LTV' }), invalid('level'));
});

test('unknown names and placement outside an enveloped signature are refused before any upload', () => {
  assert.throws(() => xmlSignParams({ format: 'jades' }), invalid('format'));
  assert.throws(() => xmlSignParams({ packaging: 'wrapped' }), invalid('packaging'));
  assert.throws(() => xmlSignParams({ canonicalization: 'c14n11' }), invalid('canonicalization'));
  assert.throws(() => xmlSignParams({ packaging: 'detached', xpath: '/a' }), invalid('xpath'));
  assert.throws(() => xmlSignParams({ packaging: 'enveloping', referenceId: 'data' }), invalid('referenceId'));
  assert.throws(() => xmlSignParams({ xpath: ' ' }), invalid('xpath'));
});
