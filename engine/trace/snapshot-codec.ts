/**
 * A snapshot as link text: padding-less base64url of deflate-raw (CompressionStream) of its JSON.
 * Decoding is for untrusted input: the compressed size is checked before inflating, inflating
 * stops at a byte budget (a decompression bomb is refused after at most that many bytes), and
 * every failure comes back as a message, never an exception.
 */
import { packSnapshotForLink, unpackLinkDocument, type LinkDetail } from './snapshot-link.ts';
import { loadSnapshot, type LoadedSnapshot, type Snapshot } from './snapshot.ts';
import { checkJsonLimits } from './validate.ts';

/** N: compressed bytes refused before inflating (1 MiB; the link text is 4/3 of it). */
export const MAX_COMPRESSED_BYTES = 1024 * 1024;
/** M: inflating stops past this many bytes of JSON (32 MiB). */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

export interface CodecLimits {
  readonly maxCompressedBytes: number;
  readonly maxInflatedBytes: number;
}

const DEFAULT_LIMITS: CodecLimits = { maxCompressedBytes: MAX_COMPRESSED_BYTES, maxInflatedBytes: MAX_INFLATED_BYTES };

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) to bytes; null when the text is not base64url. */
export function base64urlToBytes(text: string): Uint8Array | null {
  const trimmed = text.trim().replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(trimmed) || trimmed.length % 4 === 1) return null;
  const base64 = trimmed.replace(/-/g, '+').replace(/_/g, '/');
  try {
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | 'too-big'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Cancelling stops the inflater: nothing past the budget is ever produced.
      await reader.cancel().catch(() => undefined);
      return 'too-big';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const result = await readAll(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw')), Number.POSITIVE_INFINITY);
  return result as Uint8Array;
}

/** Inflates deflate-raw bytes, giving up past `maxBytes` of output. */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  try {
    // pipeThrough handles the writable side's errors itself, so a corrupt stream rejects only the read.
    const result = await readAll(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')), maxBytes);
    if (result === 'too-big') return { ok: false, message: `it unpacks to more than ${formatMiB(maxBytes)}, more than Gradscope opens` };
    return { ok: true, bytes: result };
  } catch {
    return { ok: false, message: 'the link’s data is damaged (it does not decompress); was the link cut short?' };
  }
}

const formatMiB = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/** The compressed text of any JSON document (a whole snapshot, or a packed link document). */
export async function encodeJsonPayload(json: unknown): Promise<string> {
  return bytesToBase64url(await deflateRaw(new TextEncoder().encode(JSON.stringify(json))));
}

/** Links aim under this many characters of payload (a typical 50-node run fits). */
export const LINK_TARGET_LENGTH = 4096;
/** Longer payloads make no link: the person gets a file or a code-only link instead. */
export const MAX_LINK_PAYLOAD_LENGTH = 32_000;

export type SnapshotLink = { readonly ok: true; readonly payload: string; readonly detail: LinkDetail } | { readonly ok: false; readonly length: number };

/**
 * The link payload for a snapshot: with the chain-rule numbers when that fits the 4 KB target,
 * else lean when lean fits it, else the fuller one up to MAX_LINK_PAYLOAD_LENGTH, else no link.
 */
export async function encodeSnapshotLink(snapshot: Snapshot): Promise<SnapshotLink> {
  const full = await encodeJsonPayload(packSnapshotForLink(snapshot, 'full'));
  if (full.length <= LINK_TARGET_LENGTH) return { ok: true, payload: full, detail: 'full' };
  const lean = await encodeJsonPayload(packSnapshotForLink(snapshot, 'lean'));
  if (lean.length <= LINK_TARGET_LENGTH) return { ok: true, payload: lean, detail: 'lean' };
  if (full.length <= MAX_LINK_PAYLOAD_LENGTH) return { ok: true, payload: full, detail: 'full' };
  if (lean.length <= MAX_LINK_PAYLOAD_LENGTH) return { ok: true, payload: lean, detail: 'lean' };
  return { ok: false, length: lean.length };
}

/** Link text to a checked snapshot; every failure is a message that says what was wrong. */
export async function decodeSnapshotPayload(text: string, limits: CodecLimits = DEFAULT_LIMITS): Promise<LoadedSnapshot> {
  const fail = (message: string): LoadedSnapshot => ({ ok: false, message: `Not a Gradscope snapshot: ${message}` });
  try {
    // Base64 text is 4/3 of its bytes: refuse by length before decoding anything.
    if (text.length > Math.ceil((limits.maxCompressedBytes * 4) / 3) + 4) {
      return fail(`the link holds more than ${formatMiB(limits.maxCompressedBytes)} of compressed data, more than Gradscope opens`);
    }
    const compressed = base64urlToBytes(text);
    if (!compressed) return fail('the link’s data is not valid base64url');
    const inflated = await inflateRaw(compressed, limits.maxInflatedBytes);
    if (!inflated.ok) return fail(inflated.message);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
    } catch {
      return fail('the link’s data is not JSON text');
    }
    const tooBig = checkJsonLimits(json);
    if (tooBig) return fail(tooBig);
    return loadSnapshot(unpackLinkDocument(json));
  } catch (error) {
    // Nothing above should throw; a stack overflow or an engine quirk still becomes a message.
    return fail(`it could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}
