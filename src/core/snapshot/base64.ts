/**
 * Incremental base64 (RFC 4648 §4) for RRDP publish elements, which can be megabytes: text arrives in pieces, bytes
 * accumulate up to a limit, and past it they are counted but not kept. Whitespace anywhere is skipped (RFC 8182
 * content is wrapped at will); "=" padding may close the text; any other character is an error.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Sextet per char code; -1 invalid, -2 whitespace, -3 "=". */
const SEXTET = new Int8Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) SEXTET[ALPHABET.charCodeAt(k)] = k;
for (const c of [0x20, 0x09, 0x0a, 0x0d]) SEXTET[c] = -2;
SEXTET[0x3d] = -3;

export class Base64Decoder {
  private out: Uint8Array;
  private length = 0;
  private acc = 0;
  private bits = 0;
  private pad = 0;
  private sextets = 0;
  /** Decoded size, including what was not kept past the limit. */
  size = 0;
  /** Newlines seen, for line numbers in messages. */
  newlines = 0;
  error?: string;

  constructor(private readonly limit: number) {
    this.out = new Uint8Array(Math.min(limit, 4096));
  }

  get overLimit(): boolean {
    return this.size > this.limit;
  }

  write(s: string): void {
    if (this.error) {
      for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) this.newlines++;
      return;
    }
    const need = this.length + Math.ceil((s.length * 3) / 4);
    if (need > this.out.length && this.out.length < this.limit) {
      const grown = new Uint8Array(Math.min(this.limit, Math.max(need, this.out.length * 2)));
      grown.set(this.out.subarray(0, this.length));
      this.out = grown;
    }
    const out = this.out;
    const cap = out.length;
    let { acc, bits, length, sextets, pad, newlines } = this;
    let error: string | undefined;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? SEXTET[c] : -1;
      if (v >= 0) {
        if (pad) {
          error = 'data after "=" padding';
          break;
        }
        acc = ((acc << 6) | v) & 0xffffff;
        bits += 6;
        sextets++;
        if (bits >= 8) {
          bits -= 8;
          if (length < cap) out[length] = (acc >> bits) & 0xff;
          length++;
        }
      } else if (v === -2) {
        if (c === 0x0a) newlines++;
      } else if (v === -3) {
        if (++pad > 2) {
          error = 'more than two "=" characters';
          break;
        }
      } else {
        error = `character "${s[i]}"`;
        break;
      }
    }
    this.acc = acc;
    this.bits = bits;
    this.length = length;
    this.sextets = sextets;
    this.pad = pad;
    this.newlines = newlines;
    this.size = length;
    if (error) this.fail(error);
  }

  /** The bytes decoded, or undefined when the text was not base64 (see `error`) or exceeded the limit. */
  end(): Uint8Array | undefined {
    if (this.error) return undefined;
    const rem = this.sextets % 4;
    if (rem === 1) {
      this.fail(`${this.sextets} characters cannot encode whole octets`);
      return undefined;
    }
    if (this.pad && (this.sextets + this.pad) % 4 !== 0) {
      this.fail('padding does not complete the last group of four');
      return undefined;
    }
    if (this.overLimit) return undefined;
    const bytes = this.out.subarray(0, this.length);
    // Keep only what the object needs: the buffer may be twice its size.
    return this.out.length > this.length + 1024 ? bytes.slice() : bytes;
  }

  private fail(reason: string): void {
    this.error = reason;
  }
}
