/**
 * Tar archives (POSIX ustar with pax extended headers and GNU long names), read block by block from the stream
 * with no stream per member: a member's body is copied out of the chunks it arrives in, or skipped unbuffered.
 *
 * Every header's checksum is checked. A header that fails is dropped together with the blocks after it, up to the
 * next header that checks out: GNU tar's "skipping to next header". An archive that ends without its two zero
 * blocks is noted. Pax and GNU long-name records larger than any real path are refused as a corrupt structure.
 */
import { hasUstarMagic, tarChecksumOk } from './sniff.ts';
import type { ByteStream } from './streams.ts';
import type { ReadContext } from './types.ts';

const BLOCK = 512;
/** Pax and GNU long-name records beyond this are hostile: real paths are a few hundred bytes. */
const MAX_META = 1 << 20;

export interface TarMember {
  name: string;
  /** 'file', 'directory', 'symlink', 'link', 'character-device', 'block-device', 'fifo', or the type flag. */
  type: string;
  size: number;
  linkname?: string;
  /** Reads the whole body (it may come short when the archive is cut); a member not read is skipped unbuffered. */
  read(): Promise<{ bytes: Uint8Array; short: boolean }>;
}

const TYPES: Record<string, string> = {
  '0': 'file', '\0': 'file', '7': 'file', '1': 'link', '2': 'symlink', '3': 'character-device', '4': 'block-device', '5': 'directory', '6': 'fifo',
};

/**
 * Yields the archive's members. Failures of the container (damaged gzip under it, a structure refused) go to
 * `onError` with the last member read; members before the failure are kept. Checksum failures and a missing end
 * marker are reported through `ctx`.
 */
export async function* readTar(
  stream: ByteStream,
  ctx: ReadContext,
  onError: (e: unknown, after: string) => void,
): AsyncGenerator<TarMember> {
  const input = new Blocks(stream.getReader());
  let last = 'the start of the archive';
  let zeros = 0;
  let sawData = false;
  let skipping: { from: number; name: string } | undefined;
  /** What pax or GNU records say of the next member. */
  let next: { path?: string; linkpath?: string; size?: number } = {};
  const endSkip = (at: number) => {
    if (skipping) ctx.report('snapshot.tar.checksum', { entry: `${ctx.name}: ${skipping.name}`, offset: skipping.from, skipped: at - skipping.from });
    skipping = undefined;
  };
  try {
    for (;;) {
      const at = input.offset;
      if ((await input.fill(BLOCK)) < BLOCK) {
        const skipped = skipping;
        endSkip(at);
        if (sawData && zeros < 2 && !skipped) ctx.report('snapshot.tar.no-end-marker', { entry: ctx.name });
        return;
      }
      const block = input.take(BLOCK);
      if (isZero(block)) {
        if (++zeros === 2 && !skipping) return;
        continue;
      }
      zeros = 0;
      sawData = true;
      const ustar = hasUstarMagic(block);
      if (!tarChecksumOk(block)) {
        // A block of a skipped member's body, or a broken header: skip until a header checks out.
        skipping ??= { from: at, name: headerName(block, ustar) || `the member after ${last}` };
        continue;
      }
      if (skipping && !ustar) continue;
      endSkip(at);
      const flag = String.fromCharCode(block[156]);
      const size = next.size ?? headerSize(block);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
        if (size > MAX_META) throw new Error(`a ${flag === 'x' || flag === 'g' ? 'pax' : 'GNU long-name'} header of ${size} bytes`);
        const got = await input.fill(padded);
        const body = input.take(Math.min(got, size));
        input.skipBuffered(Math.min(got, padded) - body.length);
        if (flag === 'x') next = { ...next, ...paxRecords(body) };
        else if (flag === 'L') next.path = cString(body);
        else if (flag === 'K') next.linkpath = cString(body);
        continue;
      }
      const prefix = ustar ? field(block, 345, 155) : '';
      const base = field(block, 0, 100);
      const name = next.path ?? (prefix ? `${prefix}/${base}` : base);
      const linkname = next.linkpath ?? (field(block, 157, 100) || undefined);
      next = {};
      last = name;
      let read = false;
      const member: TarMember = {
        name,
        type: TYPES[flag] ?? flag,
        size,
        linkname,
        read: async () => {
          read = true;
          const got = await input.fill(size);
          const view = input.take(got);
          // Its own buffer, aligned: objects outlive the chunks they arrived in.
          return { bytes: view.byteLength === view.buffer.byteLength ? view : view.slice(), short: got < size };
        },
      };
      yield member;
      await input.skip(read ? padded - size : padded);
    }
  } catch (e) {
    onError(e, last);
  } finally {
    await input.close();
  }
}

/** The archive's bytes as they arrive: filled to a length, then taken or skipped from the front. */
class Blocks {
  /** Bytes read from the stream and not yet taken. */
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  /** Bytes taken or skipped so far. */
  offset = 0;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Reads until `n` bytes are buffered or the stream ends; how many of the `n` there are. */
  async fill(n: number): Promise<number> {
    while (this.buffered < n && !this.ended) {
      const r = await this.reader.read();
      if (r.done) this.ended = true;
      else if (r.value.length) {
        this.chunks.push(r.value);
        this.buffered += r.value.length;
      }
    }
    return Math.min(n, this.buffered);
  }

  /** The next `n` buffered bytes: a view into one chunk when they lie in it, else a copy. */
  take(n: number): Uint8Array {
    const first = this.chunks[0];
    let out: Uint8Array;
    if (n === 0) out = new Uint8Array(0);
    else if (first.length >= n) {
      out = first.subarray(0, n);
      this.dropFront(n);
    } else {
      out = new Uint8Array(n);
      for (let o = 0; o < n; ) {
        const c = this.chunks[0];
        const k = Math.min(c.length, n - o);
        out.set(c.subarray(0, k), o);
        o += k;
        this.dropFront(k);
      }
    }
    return out;
  }

  /** Drops up to `n` buffered bytes. */
  skipBuffered(n: number): void {
    while (n > 0 && this.chunks.length) {
      const k = Math.min(n, this.chunks[0].length);
      this.dropFront(k);
      n -= k;
    }
  }

  /** Drops `n` bytes, reading past them without keeping them. */
  async skip(n: number): Promise<void> {
    for (;;) {
      const k = Math.min(n, this.buffered);
      this.skipBuffered(k);
      n -= k;
      if (n === 0 || this.ended || (await this.fill(Math.min(n, 1 << 16))) === 0) return;
    }
  }

  private dropFront(k: number): void {
    const c = this.chunks[0];
    if (k === c.length) this.chunks.shift();
    else this.chunks[0] = c.subarray(k);
    this.buffered -= k;
    this.offset += k;
  }

  async close(): Promise<void> {
    if (!this.ended) await this.reader.cancel().catch(() => {});
    this.reader.releaseLock();
  }
}

function isZero(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

const utf8 = new TextDecoder();

/** A NUL-terminated text field; ASCII (every RPKI path) without a TextDecoder call. */
function field(block: Uint8Array, from: number, len: number): string {
  let end = from;
  let ascii = true;
  while (end < from + len && block[end] !== 0) ascii = block[end++] < 0x80 && ascii;
  if (end === from) return '';
  return ascii ? String.fromCharCode.apply(null, block.subarray(from, end) as unknown as number[]) : utf8.decode(block.subarray(from, end));
}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return utf8.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/** The size field: octal digits, or big-endian base-256 when its first byte has the high bit (GNU, star). */
function headerSize(block: Uint8Array): number {
  let n = 0;
  if (block[124] & 0x80) {
    for (let i = 125; i < 136; i++) n = n * 256 + block[i];
    return n;
  }
  for (let i = 124; i < 136; i++) {
    const c = block[i];
    if (c >= 0x30 && c <= 0x37) n = n * 8 + (c - 0x30);
    else if (n) break;
  }
  return n;
}

/** Pax extended header records, "<length> <key>=<value>\n" (POSIX.1-2001 pax): path, linkpath and size. */
function paxRecords(body: Uint8Array): { path?: string; linkpath?: string; size?: number } {
  const out: { path?: string; linkpath?: string; size?: number } = {};
  for (let i = 0; i < body.length; ) {
    const space = body.indexOf(0x20, i);
    const len = space < 0 ? NaN : Number(utf8.decode(body.subarray(i, space)));
    if (!(len > 0) || i + len > body.length) break;
    const record = utf8.decode(body.subarray(space + 1, i + len - 1));
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') out.path = value;
    else if (key === 'linkpath') out.linkpath = value;
    else if (key === 'size' && /^\d+$/.test(value)) out.size = Number(value);
    i += len;
  }
  return out;
}

/** The name fields of a header block (prefix "/" name), for messages; the bytes may be garbage. */
function headerName(block: Uint8Array, ustar: boolean): string {
  const printable = (from: number, len: number) => {
    let s = '';
    for (let i = from; i < from + len && block[i] !== 0; i++) s += block[i] >= 0x20 && block[i] < 0x7f ? String.fromCharCode(block[i]) : '?';
    return s;
  };
  const prefix = ustar ? printable(345, 155) : '';
  const name = printable(0, 100);
  return prefix ? `${prefix}/${name}` : name;
}
