/**
 * RRDP files (RFC 8182 §3.5) parsed as a stream: saxes checks the markup, and this module the RRDP structure.
 *
 *   notification: <notification xmlns version="1" session_id serial>
 *                   <snapshot uri hash/> <delta serial uri hash/>*  </notification>
 *   snapshot:     <snapshot … > <publish uri>base64</publish>* </snapshot>
 *   delta:        <delta … > ( <publish uri [hash]>base64</publish> | <withdraw uri hash/> )* </delta>
 *
 * saxes never sees character data: the text between tags is cut out of the input here, so that a publish
 * element's base64 goes straight to an incremental decoder (objects can be megabytes) and text anywhere else must be
 * whitespace. saxes gets the markup only, in pieces that end at a ">"; a piece completes a tag when saxes reports
 * one, which tells a ">" that closes a tag from one inside an attribute value or comment.
 *
 * A DOCTYPE anywhere before the root refuses the whole file, as rpki-client does: RRDP has no DTD, and a DTD is
 * what XXE and entity-expansion ("billion laughs") attacks need.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { FindingCode } from '../report/catalog.ts';
import type { Params } from '../report/finding.ts';
import { Base64Decoder } from './base64.ts';
import { isHostName, splitPath } from './layout.ts';

export const RRDP_NAMESPACE = 'http://www.ripe.net/rpki/rrdp';

export type RrdpElement = 'notification' | 'snapshot' | 'delta';

export interface RrdpRoot {
  element: RrdpElement;
  session: string;
  serial: bigint;
}

export type RrdpEvent =
  | { type: 'root'; root: RrdpRoot }
  | { type: 'snapshot-ref'; uri: string; hash: string }
  | { type: 'delta-ref'; serial: bigint; uri: string; hash: string; line: number }
  | { type: 'publish'; uri: string; hash?: string; bytes: Uint8Array; line: number }
  | { type: 'withdraw'; uri: string; hash: string; line: number };

export type Report = (code: FindingCode, params: Params) => void;

/** Longest tag, comment or processing instruction accepted, and longest run of whitespace between elements. */
const MAX_MARKUP = 1 << 20;
const MAX_GAP = 1 << 24;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HASH = /^[0-9a-fA-F]{64}$/;
const SERIAL = /^[0-9]+$/;
const WHITESPACE = /^[ \t\r\n]*$/;

/** Attributes of each RRDP element (RFC 8182 §3.5.4), required and optional. */
const ATTRIBUTES: Record<string, { required: string[]; optional?: string[] }> = {
  notification: { required: ['version', 'session_id', 'serial'] },
  snapshot: { required: ['version', 'session_id', 'serial'] },
  delta: { required: ['version', 'session_id', 'serial'] },
  'notification/snapshot': { required: ['uri', 'hash'] },
  'notification/delta': { required: ['serial', 'uri', 'hash'] },
  'snapshot/publish': { required: ['uri'] },
  'delta/publish': { required: ['uri'], optional: ['hash'] },
  'delta/withdraw': { required: ['uri', 'hash'] },
};

interface Open {
  key: string;
  uri?: string;
  hash?: string;
  line: number;
  decoder?: Base64Decoder;
  skip?: boolean;
}

export class RrdpParser {
  /** Set once a fatal error stopped the parse; the caller stops feeding. */
  stopped = false;
  root?: RrdpRoot;
  private readonly sax = new SaxesParser({ xmlns: true, position: false });
  private mode: 'text' | 'markup' = 'text';
  private markupLength = 0;
  private markupHead = '';
  private markupDone = false;
  private gap = 0;
  private line = 1;
  private depth = 0;
  private open?: Open;
  private sawText = false;

  constructor(
    private readonly entry: string,
    private readonly report: Report,
    private readonly maxObjectSize: number,
    private readonly emit: (e: RrdpEvent) => void,
  ) {
    const done = () => {
      this.markupDone = true;
    };
    this.sax.on('xmldecl', (d) => {
      done();
      const enc = d.encoding?.toLowerCase();
      if (enc && enc !== 'us-ascii' && enc !== 'utf-8' && enc !== 'ascii') {
        this.fatal('snapshot.xml.encoding', { reason: `the XML declaration names encoding ${d.encoding}` });
      }
    });
    this.sax.on('processinginstruction', done);
    this.sax.on('comment', done);
    this.sax.on('doctype', () => {
      done();
      this.fatal('snapshot.xml.doctype', { line: this.line });
    });
    this.sax.on('cdata', (text) => {
      done();
      this.text(text);
    });
    this.sax.on('opentag', (tag) => {
      done();
      this.openTag(tag as SaxesTagNS);
    });
    this.sax.on('closetag', () => {
      done();
      this.closeTag();
    });
    this.sax.on('error', (e) => this.fatal('snapshot.xml.malformed', { line: this.line, reason: e.message.replace(/^[^:]*:\d+:\d+: /, '') }));
  }

  write(s: string): void {
    let i = 0;
    while (i < s.length && !this.stopped) {
      if (this.mode === 'text') {
        const lt = s.indexOf('<', i);
        const end = lt < 0 ? s.length : lt;
        if (end > i) this.text(s.slice(i, end));
        if (lt < 0) return;
        this.mode = 'markup';
        this.markupLength = 0;
        this.markupHead = '';
        this.markupDone = false;
        this.gap = 0;
        i = lt;
      } else {
        const gt = s.indexOf('>', i);
        const end = gt < 0 ? s.length : gt + 1;
        const piece = s.slice(i, end);
        this.markupLength += piece.length;
        if (this.markupLength > MAX_MARKUP) return this.fatal('snapshot.xml.limit', { what: 'markup', limit: MAX_MARKUP, line: this.line });
        if (this.markupHead.length < 9) {
          this.markupHead += piece.slice(0, 9 - this.markupHead.length);
          if (this.markupHead === '<!DOCTYPE') return this.fatal('snapshot.xml.doctype', { line: this.line });
        }
        this.countLines(piece);
        this.sax.write(piece);
        if (gt >= 0 && this.markupDone) this.mode = 'text';
        i = end;
      }
    }
  }

  end(): void {
    if (this.stopped) return;
    if (this.open?.decoder) this.fatal('snapshot.xml.malformed', { line: this.line, reason: 'the file ends inside a publish element' });
    else this.sax.close();
    if (!this.stopped && !this.root) this.fatal('snapshot.xml.malformed', { line: this.line, reason: 'no root element' });
  }

  private fatal(code: FindingCode, params: Params): void {
    if (this.stopped) return;
    this.stopped = true;
    this.report(code, { entry: this.entry, ...params });
  }

  private error(code: FindingCode, params: Params): void {
    this.report(code, { entry: this.entry, line: this.line, ...params });
  }

  private countLines(s: string): void {
    for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) this.line++;
  }

  private text(t: string): void {
    const open = this.open;
    if (open?.decoder) {
      const before = open.decoder.newlines;
      open.decoder.write(t);
      this.line += open.decoder.newlines - before;
      return;
    }
    this.countLines(t);
    if (open?.skip) return;
    if (open?.key === 'delta/withdraw' && !WHITESPACE.test(t)) {
      open.skip = true;
      return this.error('snapshot.rrdp.withdraw.content', { uri: open.uri ?? '' });
    }
    this.gap += t.length;
    if (this.gap > MAX_GAP) return this.fatal('snapshot.xml.limit', { what: 'text between elements', limit: MAX_GAP, line: this.line });
    if (!this.sawText && !WHITESPACE.test(t)) {
      this.sawText = true;
      this.error('snapshot.rrdp.text.unexpected', {});
    }
  }

  private openTag(tag: SaxesTagNS): void {
    this.depth++;
    const element = tag.local;
    if (this.depth === 1) return this.openRoot(tag);
    if (this.open || this.depth > 2 || !this.root) {
      if (this.open) this.open.skip = true;
      return this.error('snapshot.rrdp.element.unexpected', { element: tag.name, parent: this.open?.key ?? this.root?.element ?? '' });
    }
    const key = `${this.root.element}/${element}`;
    const open: Open = { key, line: this.line };
    this.open = open;
    if (!ATTRIBUTES[key]) {
      open.skip = true;
      return this.error('snapshot.rrdp.element.unexpected', { element: tag.name, parent: this.root.element });
    }
    if (tag.uri !== RRDP_NAMESPACE) {
      open.skip = true;
      return this.error('snapshot.rrdp.namespace', { element: tag.name, namespace: tag.uri });
    }
    const attrs = this.attributes(tag, key);
    if (!attrs) {
      open.skip = true;
      return;
    }
    if (key === 'notification/snapshot' || key === 'notification/delta') {
      const hash = this.hash(attrs.hash, element);
      if (hash === undefined) return;
      if (key === 'notification/snapshot') this.emit({ type: 'snapshot-ref', uri: attrs.uri, hash });
      else {
        const serial = this.serial(attrs.serial, element);
        if (serial !== undefined) this.emit({ type: 'delta-ref', serial, uri: attrs.uri, hash, line: this.line });
      }
      return;
    }
    const uriProblem = objectUriProblem(attrs.uri);
    if (uriProblem) {
      open.skip = true;
      return this.error('snapshot.rrdp.uri.invalid', { uri: attrs.uri, element, reason: uriProblem });
    }
    open.uri = attrs.uri;
    if (attrs.hash !== undefined) {
      open.hash = this.hash(attrs.hash, element);
      if (open.hash === undefined) open.skip = true;
    }
    if (element === 'publish') open.decoder = new Base64Decoder(this.maxObjectSize);
  }

  private openRoot(tag: SaxesTagNS): void {
    const element = tag.local;
    if (element !== 'notification' && element !== 'snapshot' && element !== 'delta') {
      return this.fatal('snapshot.rrdp.not-rrdp', { element: tag.name });
    }
    if (tag.uri !== RRDP_NAMESPACE) return this.fatal('snapshot.rrdp.namespace', { element: tag.name, namespace: tag.uri });
    const attrs = this.attributes(tag, element);
    if (!attrs) return this.fatal('snapshot.xml.malformed', { line: this.line, reason: `<${element}> lacks required attributes` });
    if (attrs.version !== '1') return this.fatal('snapshot.rrdp.version', { version: attrs.version });
    if (!UUID.test(attrs.session_id)) return this.fatal('snapshot.rrdp.session-id', { session: attrs.session_id });
    const serial = this.serial(attrs.serial, element);
    if (serial === undefined) return this.fatal('snapshot.xml.malformed', { line: this.line, reason: 'no usable serial' });
    this.root = { element, session: attrs.session_id.toLowerCase(), serial };
    this.emit({ type: 'root', root: this.root });
  }

  /** The element's attributes by local name, checked against the schema; undefined when a required one is missing. */
  private attributes(tag: SaxesTagNS, key: string): Record<string, string> | undefined {
    const spec = ATTRIBUTES[key];
    const out: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      if (a.prefix || (!spec.required.includes(a.local) && !spec.optional?.includes(a.local))) {
        this.error('snapshot.rrdp.attribute.unexpected', { element: tag.name, attribute: a.name });
        continue;
      }
      out[a.local] = a.value;
    }
    const missing = spec.required.filter((name) => out[name] === undefined);
    for (const attribute of missing) this.error('snapshot.rrdp.attribute.missing', { element: tag.name, attribute });
    return missing.length ? undefined : out;
  }

  private hash(value: string, element: string): string | undefined {
    if (HASH.test(value)) return value.toLowerCase();
    this.error('snapshot.rrdp.hash.invalid', { hash: value, element });
    return undefined;
  }

  private serial(value: string, element: string): bigint | undefined {
    if (SERIAL.test(value)) {
      const n = BigInt(value);
      if (n > 0n) return n;
    }
    this.error('snapshot.rrdp.serial', { serial: value, element });
    return undefined;
  }

  private closeTag(): void {
    this.depth--;
    if (this.depth !== 1) return;
    const open = this.open;
    this.open = undefined;
    if (!open || open.skip || !open.uri) return;
    if (open.key === 'delta/withdraw') {
      if (open.hash) this.emit({ type: 'withdraw', uri: open.uri, hash: open.hash, line: open.line });
      return;
    }
    const decoder = open.decoder!;
    const bytes = decoder.end();
    const element = open.key.slice(open.key.indexOf('/') + 1);
    if (decoder.error) return this.error('snapshot.rrdp.base64', { element, uri: open.uri, reason: decoder.error });
    if (!bytes) {
      return this.report('snapshot.entry.too-large', { entry: `${this.entry} (${open.uri})`, size: decoder.size, limit: this.maxObjectSize });
    }
    this.emit({ type: 'publish', uri: open.uri, hash: open.hash, bytes, line: open.line });
  }
}

/** Why a publish/withdraw URI cannot name an object in a repository, or undefined when it can. */
export function objectUriProblem(uri: string): string | undefined {
  const m = /^rsync:\/\/([^/]*)\/(.*)$/i.exec(uri);
  if (!m) return 'not rsync://host/path';
  if (!isHostName(m[1])) return `"${m[1]}" is not a host name`;
  if (m[2] === '' || m[2].endsWith('/')) return 'it names a directory';
  const split = splitPath(m[2]);
  return 'unsafe' in split ? split.unsafe : undefined;
}
