/**
 * Tar archives, streamed with modern-tar (POSIX ustar with pax and GNU long names). Entries are yielded one at a
 * time with their bodies read only when wanted; a skipped body is discarded as it streams past.
 *
 * modern-tar's strict mode stops the whole archive at the first bad header, and its lenient mode accepts a header
 * whose checksum fails. Between the two, the block audit below checks the checksum of every block that carries the
 * ustar magic before the decoder sees it; a header that fails is dropped together with the blocks after it, up to
 * the next header that checks out: GNU tar's "skipping to next header". The audit also notes an archive that ends
 * without its two zero blocks.
 */
import { createTarDecoder, type ParsedTarEntry } from 'modern-tar';
import { hasUstarMagic, tarChecksumOk } from './sniff.ts';
import { readExactly, type ByteStream } from './streams.ts';
import type { ReadContext } from './types.ts';

const BLOCK = 512;

export interface TarMember {
  name: string;
  type: string;
  size: number;
  linkname?: string;
  /** Reads the whole body (it may come short when the archive is cut); a member not read is skipped unbuffered. */
  read(): Promise<{ bytes: Uint8Array; short: boolean }>;
}

/**
 * Yields the archive's members. Failures of the container (damaged gzip under it, a structure the decoder gives up
 * on) go to `onError` with the last member read; members before the failure are kept. Checksum failures and a
 * missing end marker are reported through `ctx`.
 */
export async function* readTar(
  stream: ByteStream,
  ctx: ReadContext,
  onError: (e: unknown, after: string) => void,
): AsyncGenerator<TarMember> {
  let last = 'the start of the archive';
  const entries = stream.pipeThrough(auditBlocks(ctx, () => last)).pipeThrough(createTarDecoder({ strict: false }));
  const reader = entries.getReader();
  let done = false;
  try {
    while (true) {
      let r: ReadableStreamReadResult<ParsedTarEntry>;
      try {
        r = await reader.read();
      } catch (e) {
        done = true;
        onError(e, last);
        return;
      }
      if (r.done) {
        done = true;
        break;
      }
      const { header: h, body } = r.value;
      last = h.name;
      let consumed = false;
      const member: TarMember = {
        name: h.name,
        type: h.type ?? 'file',
        size: h.size,
        linkname: h.linkname,
        read: () => {
          consumed = true;
          return readExactly(body, h.size);
        },
      };
      try {
        yield member;
      } finally {
        // An unread body would stall the decoder; cancelling it discards the rest as it streams past.
        if (!consumed) await body.cancel().catch(() => {});
      }
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The ustar checksum audit, as a transform over the raw archive bytes. */
function auditBlocks(ctx: ReadContext, lastMember: () => string): TransformStream<Uint8Array, Uint8Array> {
  const carry = new Uint8Array(BLOCK);
  let carried = 0;
  let offset = 0;
  let skipping: { from: number; name: string } | undefined;
  let zeros = 0;
  let sawData = false;

  /** Checks one block at `at` in `buf`; returns whether it passes to the decoder. */
  const check = (buf: Uint8Array, at: number): boolean => {
    const pos = offset;
    offset += BLOCK;
    let zero = true;
    for (let i = at; i < at + BLOCK; i += 64) if (buf[i] !== 0) {
      zero = false;
      break;
    }
    if (zero) zero = buf.subarray(at, at + BLOCK).every((b) => b === 0);
    zeros = zero ? zeros + 1 : 0;
    if (!zero) sawData = true;
    if (hasUstarMagic(buf, at)) {
      if (tarChecksumOk(buf, at)) {
        if (skipping) {
          ctx.report('snapshot.tar.checksum', { entry: `${ctx.name}: ${skipping.name}`, offset: skipping.from, skipped: pos - skipping.from });
          skipping = undefined;
        }
        return true;
      }
      if (!skipping) skipping = { from: pos, name: headerName(buf, at) || `the member after ${lastMember()}` };
      return false;
    }
    return !skipping;
  };

  return new TransformStream({
    transform(chunk, controller) {
      let i = 0;
      if (carried) {
        const n = Math.min(BLOCK - carried, chunk.length);
        carry.set(chunk.subarray(0, n), carried);
        carried += n;
        i = n;
        if (carried < BLOCK) return;
        if (check(carry, 0)) controller.enqueue(carry.slice());
        carried = 0;
      }
      let runStart = i;
      for (; i + BLOCK <= chunk.length; i += BLOCK) {
        if (!check(chunk, i)) {
          if (i > runStart) controller.enqueue(chunk.subarray(runStart, i));
          runStart = i + BLOCK;
        }
      }
      if (i > runStart) controller.enqueue(chunk.subarray(runStart, i));
      if (i < chunk.length) {
        carry.set(chunk.subarray(i), 0);
        carried = chunk.length - i;
      }
    },
    flush(controller) {
      if (skipping) {
        ctx.report('snapshot.tar.checksum', { entry: `${ctx.name}: ${skipping.name}`, offset: skipping.from, skipped: offset - skipping.from });
      }
      if (carried) {
        // A partial block: the archive was cut inside a header or body; the decoder reports a short body.
        controller.enqueue(carry.slice(0, carried));
        if (!skipping && zeros < 2) ctx.report('snapshot.tar.no-end-marker', { entry: ctx.name });
      } else if (sawData && zeros < 2 && !skipping) ctx.report('snapshot.tar.no-end-marker', { entry: ctx.name });
    },
  });
}

/** The name fields of a header block (prefix "/" name), for messages; the bytes may be garbage. */
function headerName(block: Uint8Array, at: number): string {
  const field = (from: number, len: number) => {
    let s = '';
    for (let i = from; i < from + len && block[at + i] !== 0; i++) {
      const b = block[at + i];
      s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?';
    }
    return s;
  };
  const prefix = field(345, 155);
  const name = field(0, 100);
  return prefix ? `${prefix}/${name}` : name;
}
