// Options of sign.xml (docs/protocol.md "XML signatures"), checked before anything is uploaded, so a page's mistake
// fails at once with INVALID_ARGUMENT instead of after the upload.
import { KysoError } from './errors.js';

const FORMATS = ['xmldsig', 'xades'];
const LEVELS = ['B-B', 'B-T', 'B-LT', 'B-LTA'];
const PACKAGINGS = ['enveloped', 'enveloping', 'detached'];
const CANONICALIZATIONS = ['inclusive', 'exclusive'];

/**
 * The sign.xml params for these options (without documentId and certificateId).
 * @param {{format?: string, level?: string, packaging?: string, xpath?: string, referenceId?: string,
 *   canonicalization?: string, signatureAlgorithm?: string, mimeType?: string}} options
 */
export function xmlSignParams ({ format = 'xmldsig', level, packaging = 'enveloped', xpath, referenceId,
  canonicalization, signatureAlgorithm, mimeType } = {}) {
  oneOf(format, FORMATS, 'format');
  oneOf(packaging, PACKAGINGS, 'packaging');
  if (level !== undefined) {
    oneOf(level, LEVELS, 'level');
    if (format !== 'xades') throw KysoError.client('INVALID_ARGUMENT', { param: 'level' });
  }
  if (canonicalization !== undefined) oneOf(canonicalization, CANONICALIZATIONS, 'canonicalization');
  if (packaging !== 'enveloped' && (xpath !== undefined || referenceId !== undefined)) {
    throw KysoError.client('INVALID_ARGUMENT', { param: xpath !== undefined ? 'xpath' : 'referenceId' });
  }
  const params = { format, packaging };
  for (const [key, value] of Object.entries({ level, xpath, referenceId, canonicalization, signatureAlgorithm, mimeType })) {
    if (value !== undefined) {
      if (typeof value !== 'string' || value.trim() === '') throw KysoError.client('INVALID_ARGUMENT', { param: key });
      params[key] = value;
    }
  }
  return params;
}

function oneOf (value, allowed, param) {
  if (!allowed.includes(value)) throw KysoError.client('INVALID_ARGUMENT', { param });
}
