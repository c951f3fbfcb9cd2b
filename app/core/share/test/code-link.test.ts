import { describe, expect, it } from 'vitest';
import { codeLinkHash, decodeCode, encodeCode, readCodeFromHash } from '../code-link.ts';

describe('code links', () => {
  it('round-trips a program with unicode, emoji and newlines', () => {
    const code = 'import torch\n# café ∂L/∂w 🔥\nx = torch.ones(3, requires_grad=True)\nprint("naïve")\n';
    expect(decodeCode(encodeCode(code))).toEqual({ ok: true, code });
  });

  it('writes padding-less base64url that is safe in a URL fragment', () => {
    // These byte values produce '+', '/' and '=' in standard base64.
    const encoded = encodeCode('\u00fb\u00ff?>a');
    expect(encoded).not.toMatch(/[+/=]/);
    expect(decodeCode(encoded)).toEqual({ ok: true, code: '\u00fb\u00ff?>a' });
  });

  it('accepts links that kept their padding', () => {
    expect(decodeCode('YQ==')).toEqual({ ok: true, code: 'a' });
    expect(decodeCode('YQ')).toEqual({ ok: true, code: 'a' });
  });

  it('decodes the empty program', () => {
    expect(decodeCode('')).toEqual({ ok: true, code: '' });
  });

  it('explains, without throwing, when the text is not base64url', () => {
    const result = decodeCode('not base64!');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not valid base64url/);
  });

  it('rejects a length no base64 encoder can produce', () => {
    expect(decodeCode('abcde').ok).toBe(false);
  });

  it('explains when the bytes are not UTF-8 text', () => {
    const result = decodeCode('_w'); // the single byte 0xFF
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/not valid UTF-8/) });
  });

  it('reads the code from a location hash and ignores hashes without it', () => {
    const code = 'print(1)';
    expect(readCodeFromHash(codeLinkHash(code))).toEqual({ ok: true, code });
    expect(readCodeFromHash('')).toBeNull();
    expect(readCodeFromHash('#step=3')).toBeNull();
    expect(readCodeFromHash('#step=3&code=' + encodeCode(code))).toEqual({ ok: true, code });
  });
});
