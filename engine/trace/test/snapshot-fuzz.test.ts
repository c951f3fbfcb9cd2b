/**
 * The link decoder takes untrusted text: whatever it is given, it answers with a snapshot or a
 * clear message, never an exception, never a hang, never more than its byte budget inflated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, decodeSnapshotPayload, deflateRaw, encodeJsonPayload, encodeSnapshotLink, inflateRaw } from '../snapshot-codec.ts';
import { buildSnapshot } from '../snapshot.ts';
import { EVERY_KIND, fiftyNodeRun } from './snapshot-fixtures.ts';

const isClearAnswer = (result: Awaited<ReturnType<typeof decodeSnapshotPayload>>): boolean =>
  result.ok || (typeof result.message === 'string' && result.message.startsWith('Not a Gradscope snapshot: '));

const realPayloads = async (): Promise<string[]> => {
  const link = await encodeSnapshotLink(buildSnapshot([{ id: 'cell-1', source: 'import torch' }], fiftyNodeRun()));
  if (!link.ok) throw new Error('no link');
  return [link.payload, await encodeJsonPayload(buildSnapshot([{ id: 'c', source: 'x' }], EVERY_KIND))];
};

/** Generous: these run hundreds of decodes on a machine shared with other builds. */
const SLOW = 60_000;

describe('the snapshot decoder, fuzzed', () => {
  it(
    'answers random text with a message',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
          expect(isClearAnswer(await decodeSnapshotPayload(text))).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'answers random bytes, deflated or not, with a message',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, deflate) => {
          const payload = bytesToBase64url(deflate ? await deflateRaw(bytes) : bytes);
          const result = await decodeSnapshotPayload(payload);
          expect(result.ok).toBe(false);
          expect(isClearAnswer(result)).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'answers truncated and bit-flipped real payloads with a snapshot or a message',
    async () => {
      const payloads = await realPayloads();
      const bytesOf = payloads.map((p) => base64urlToBytes(p)!);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: payloads.length - 1 }),
          fc.oneof(
            fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
            fc.record({
              flips: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bit: fc.integer({ min: 0, max: 7 }) }), {
                minLength: 1,
                maxLength: 8,
              }),
            }),
          ),
          async (which, mutation) => {
            const bytes = Uint8Array.from(bytesOf[which]!);
            let mutated: Uint8Array;
            if ('cut' in mutation) mutated = bytes.subarray(0, Math.floor(mutation.cut * bytes.length));
            else {
              for (const { at, bit } of mutation.flips) bytes[Math.min(bytes.length - 1, Math.floor(at * bytes.length))]! ^= 1 << bit;
              mutated = bytes;
            }
            expect(isClearAnswer(await decodeSnapshotPayload(bytesToBase64url(mutated)))).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'answers arbitrary JSON, deep or odd, with a message',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 8 }), async (json) => {
          const result = await decodeSnapshotPayload(await encodeJsonPayload(json));
          expect(isClearAnswer(result)).toBe(true);
        }),
        { numRuns: 200 },
      );
    },
    SLOW,
  );

  it(
    'answers a snapshot with random values in place of its fields with a snapshot or a message',
    async () => {
      const base = JSON.parse(JSON.stringify(buildSnapshot([{ id: 'c', source: 'x' }], EVERY_KIND))) as { trace: { events: Record<string, unknown>[] } };
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: EVERY_KIND.length - 1 }),
          fc.string({ maxLength: 12 }),
          fc.jsonValue({ maxDepth: 3 }),
          async (index, key, value) => {
            const copy = structuredClone(base);
            const event = copy.trace.events[index]!;
            const keys = Object.keys(event);
            event[keys[key.length % keys.length]!] = value;
            expect(isClearAnswer(await decodeSnapshotPayload(await encodeJsonPayload(copy)))).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    },
    SLOW,
  );

  it(
    'refuses JSON nested a million levels deep without overflowing the stack',
    async () => {
      const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
      const payload = bytesToBase64url(await deflateRaw(new TextEncoder().encode(`{"format":"gradscope-snapshot","version":1,"cells":${deep}}`)));
      const result = await decodeSnapshotPayload(payload);
      expect(result).toMatchObject({ ok: false });
      expect(isClearAnswer(result)).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a decompression bomb after inflating no more than its budget',
    async () => {
      // 40 MiB of zeros deflate to ~40 KB: far under the compressed limit, far over the inflated one.
      const bomb = await deflateRaw(new Uint8Array(40 * 1024 * 1024));
      expect(bomb.length).toBeLessThan(100_000);
      const result = await decodeSnapshotPayload(bytesToBase64url(bomb));
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/unpacks to more than 32 MiB/) });
      const small = await inflateRaw(bomb, 1024);
      expect(small).toMatchObject({ ok: false });
    },
    SLOW,
  );

  it(
    'refuses a payload over the compressed limit before decoding it',
    async () => {
      const result = await decodeSnapshotPayload('A'.repeat(2_000_000));
      expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/more than 1 MiB of compressed data/) });
    },
    SLOW,
  );
});
