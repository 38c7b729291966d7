/**
 * A finding is plain data that survives structured clone: a stable code from the catalog, the spec section it
 * rests on, a sentence with the values filled in, and where in the object's bytes it applies.
 */
import { catalog, type FindingCode } from './catalog.ts';

export type SpecRef =
  | { rfc: number; section?: string }
  | { draft: string; section?: string }
  | { itu: string; section?: string }
  /** Other published standards (POSIX), with the address of their text. */
  | { std: string; section?: string; href: string };
export type Severity = 'error' | 'warning' | 'info';
export type Stage = 'decode' | 'inspect' | 'verify' | 'walk' | 'load';
export type Params = Record<string, string | number>;
export interface ByteRange {
  start: number;
  end: number;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  stage: Stage;
  spec: SpecRef;
  message: string;
  params: Params;
  at?: ByteRange;
}

/** Fills `{name}` placeholders of a catalog sentence. */
export function fillSentence(sentence: string, params: Params): string {
  return sentence.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function makeFinding(code: FindingCode, params: Params = {}, at?: ByteRange): Finding {
  const info = catalog[code];
  const f: Finding = {
    code,
    severity: info.severity,
    stage: info.stage,
    spec: info.spec,
    message: fillSentence(info.sentence, params),
    params,
  };
  if (at) f.at = at;
  return f;
}

/**
 * A failed check inside a decoder or checker. Thrown to keep the code flat; the public decodeX / inspectX /
 * verifyX functions catch it and turn it into a finding. Anything else that throws is a bug.
 */
export class Reject extends Error {
  constructor(
    readonly code: FindingCode,
    readonly params: Params = {},
    readonly at?: ByteRange,
  ) {
    super(code);
    this.name = 'Reject';
  }
  toFinding(): Finding {
    return makeFinding(this.code, this.params, this.at);
  }
}

/** Collects findings for one object. */
export class Findings {
  readonly list: Finding[] = [];
  add(code: FindingCode, params: Params = {}, at?: ByteRange): Finding {
    const f = makeFinding(code, params, at);
    this.list.push(f);
    return f;
  }
  /** Adds each finding unless one with the same code is already present (e.g. one BER note per object). */
  once(code: FindingCode, params: Params = {}, at?: ByteRange): void {
    if (!this.list.some((f) => f.code === code)) this.add(code, params, at);
  }
  get hasErrors(): boolean {
    return this.list.some((f) => f.severity === 'error');
  }
  /** A position to ask `errorsSince` about, so one check can tell its own failures from earlier ones. */
  get mark(): number {
    return this.list.length;
  }
  errorsSince(mark: number): boolean {
    for (let i = mark; i < this.list.length; i++) if (this.list[i].severity === 'error') return true;
    return false;
  }
}

/**
 * Outcome of a decoder: ok with the value, or not ok with the findings that say why. A value read to the end despite
 * error findings is still returned beside them, for the inspector; only ok values may be used by validation.
 */
export type Decoded<T> = { ok: true; value: T; findings: Finding[] } | { ok: false; value?: T; findings: Finding[] };

/**
 * Runs a decoder body, turning a Reject into an error finding. Non-Reject exceptions are bugs but must not
 * crash a host that feeds us hostile bytes, so they become `internal.bug` findings carrying the message.
 */
export function decodeWith<T>(findings: Findings, body: () => T): Decoded<T> {
  try {
    const value = body();
    return findings.hasErrors ? { ok: false, value, findings: findings.list } : { ok: true, value, findings: findings.list };
  } catch (e) {
    if (e instanceof Reject) findings.list.push(e.toFinding());
    else findings.add('internal.bug', { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    return { ok: false, findings: findings.list };
  }
}
