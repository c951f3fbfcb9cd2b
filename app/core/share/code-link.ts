/**
 * `#code=<base64url>` links: a program travels in the URL fragment (never sent to a server) as
 * padding-less base64url of its UTF-8 bytes. Opening such a link fills the first cell and runs nothing.
 */

const CODE_PARAM = 'code';

export type DecodedCode = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly message: string };

/** Encodes Python source as padding-less base64url of its UTF-8 bytes. */
export function encodeCode(code: string): string {
  const bytes = new TextEncoder().encode(code);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional) into Python source; invalid text or UTF-8 gives a message, not an exception. */
export function decodeCode(encoded: string): DecodedCode {
  const trimmed = encoded.trim();
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(trimmed) || trimmed.replace(/=+$/, '').length % 4 === 1) {
    return { ok: false, message: 'The link’s code is not valid base64url, so the notebook was left as it was.' };
  }
  const base64 = trimmed.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return { ok: false, message: 'The link’s code is not valid base64url, so the notebook was left as it was.' };
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return { ok: true, code: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: 'The link’s code is not valid UTF-8 text, so the notebook was left as it was.' };
  }
}

/** Builds the fragment for a link, e.g. `#code=aW1wb3J0IHRvcmNo`. */
export function codeLinkHash(code: string): string {
  return `#${CODE_PARAM}=${encodeCode(code)}`;
}

/** Reads `#code=` from a location hash; `null` when the hash carries no code at all. */
export function readCodeFromHash(hash: string): DecodedCode | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const value = new URLSearchParams(fragment).get(CODE_PARAM);
  // URLSearchParams turns '+' into ' '; base64url never contains either, so put back what a sloppy encoder sent.
  return value === null ? null : decodeCode(value.replace(/ /g, '+'));
}
