/**
 * `#snapshot=` links: the snapshot on screen, packed and compressed into the URL fragment (never
 * sent to a server). Opening one shows the graph and steps at once and runs nothing.
 */
import { decodeSnapshotPayload, encodeSnapshotLink, LINK_TARGET_LENGTH, MAX_LINK_PAYLOAD_LENGTH } from '../../../engine/trace/snapshot-codec.ts';
import type { LinkDetail } from '../../../engine/trace/snapshot-link.ts';
import type { LoadedSnapshot, Snapshot } from '../../../engine/trace/snapshot.ts';
import { codeLinkHash } from './code-link.ts';

const SNAPSHOT_PARAM = 'snapshot';

export { LINK_TARGET_LENGTH, MAX_LINK_PAYLOAD_LENGTH };

export type ShareLink =
  | { readonly ok: true; readonly url: string; readonly detail: LinkDetail }
  /** Too big for a link: the person can save a file or share the code alone (`codeOnlyUrl`). */
  | { readonly ok: false; readonly payloadLength: number; readonly codeOnlyUrl: string };

const baseUrl = (location: Pick<Location, 'origin' | 'pathname' | 'search'>): string => `${location.origin}${location.pathname}${location.search}`;

/** The code cells as one program, for a code-only link. */
const codeOf = (snapshot: Snapshot): string =>
  snapshot.cells
    .filter((cell) => cell.kind !== 'markdown')
    .map((cell) => cell.source)
    .join('\n\n');

export async function makeShareLink(snapshot: Snapshot, location: Pick<Location, 'origin' | 'pathname' | 'search'> = window.location): Promise<ShareLink> {
  const link = await encodeSnapshotLink(snapshot);
  if (link.ok) return { ok: true, url: `${baseUrl(location)}#${SNAPSHOT_PARAM}=${link.payload}`, detail: link.detail };
  return { ok: false, payloadLength: link.length, codeOnlyUrl: `${baseUrl(location)}${codeLinkHash(codeOf(snapshot))}` };
}

/** The `#snapshot=` payload of a location hash, or null when the hash has none. */
export function readSnapshotPayload(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  // Not URLSearchParams: base64url needs no percent-decoding, and a fragment may be a megabyte long.
  for (const part of fragment.split('&')) {
    if (part.startsWith(`${SNAPSHOT_PARAM}=`)) return part.slice(SNAPSHOT_PARAM.length + 1);
  }
  return null;
}

export function decodeSnapshotLink(payload: string): Promise<LoadedSnapshot> {
  return decodeSnapshotPayload(payload);
}
