/**
 * One decoded object as a JSON record for `rpki-lens inspect --json`: rpki-client's `-f -j` key names where it has
 * them (file, hash_id, type, ski, aki, aia, sia, cert_serial, valid_since, valid_until, vrps, …), our findings,
 * and every decoded field under `decoded`.
 */
import type { DecodedObject } from '../objects/object.ts';
import { roaVrps } from '../objects/roa.ts';
import type { ResourceCert } from '../objects/cert.ts';
import type { Finding } from '../report/finding.ts';
import { formatPrefix } from '../resources/index.ts';

const TYPE_NAMES: Record<DecodedObject['type'], string> = {
  cer: 'certificate', crl: 'crl', roa: 'roa', mft: 'manifest', asa: 'aspa', gbr: 'gbr', tak: 'tak', sig: 'rsc', spl: 'spl', tal: 'tal', unknown: 'unknown',
};

/** Colon-separated uppercase hex, as rpki-client prints key identifiers. */
export function colonHex(hex: string | undefined): string | undefined {
  return hex?.toUpperCase().match(/../g)?.join(':');
}

function base64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}

function certFields(c: ResourceCert): Record<string, unknown> {
  return {
    ski: colonHex(c.ski),
    aki: colonHex(c.aki),
    aia: c.aia[0],
    sia: c.sia.signedObject ?? c.sia.rpkiManifest,
    cert_serial: c.serial.toUpperCase().padStart(2, '0'),
    valid_since: c.notBefore,
    valid_until: c.notAfter,
  };
}

export function objectRecord(file: string, d: DecodedObject, sha256: Uint8Array, findings: Finding[]): Record<string, unknown> {
  const rec: Record<string, unknown> = { file, hash_id: base64(sha256), type: TYPE_NAMES[d.type] };
  const v = d.value;
  if (v && d.type === 'cer') Object.assign(rec, certFields(d.value!));
  else if (v && 'signedObject' in (v as object)) Object.assign(rec, certFields((v as { signedObject: { ee: ResourceCert } }).signedObject.ee));
  if (d.type === 'roa' && d.value) {
    rec.vrps = roaVrps(d.value).map((x) => ({ prefix: formatPrefix(x.prefix), asid: x.asn, maxlen: x.maxLength }));
  } else if (d.type === 'mft' && d.value) {
    rec.manifest_number = d.value.manifestNumberHex.toUpperCase();
    rec.this_update = d.value.thisUpdate;
    rec.next_update = d.value.nextUpdate;
    rec.filesandhashes = d.value.fileList.map((f) => ({ filename: f.file, hash: base64(f.hash) }));
  } else if (d.type === 'asa' && d.value) {
    rec.customer_asid = d.value.customerAsId;
    rec.provider_set = d.value.providers;
  } else if (d.type === 'crl' && d.value) {
    rec.aki = colonHex(d.value.aki);
    rec.crl_serial = d.value.crlNumber?.toString(16).toUpperCase();
    rec.valid_since = d.value.thisUpdate;
    rec.valid_until = d.value.nextUpdate;
    rec.revoked_certs = d.value.revoked.map((r) => ({ serial: r.serial.toUpperCase(), date: r.date }));
  }
  rec.validation = findings.some((f) => f.severity === 'error') ? 'Failed' : 'OK';
  rec.findings = findings.map((f) => ({ code: f.code, severity: f.severity, stage: f.stage, spec: f.spec, message: f.message, ...(f.at ? { at: f.at } : {}) }));
  rec.decoded = plain(d.value);
  return rec;
}

/** A JSON-safe copy: bytes as hex, bigints as decimal strings, Sets and Maps as arrays and objects. */
export function plain(value: unknown, depth = 0): unknown {
  if (depth > 32) return '…';
  if (value === null || value === undefined) return value;
  if (value instanceof Uint8Array) {
    let s = '';
    for (let i = 0; i < value.length; i++) s += (value[i] < 16 ? '0' : '') + value[i].toString(16);
    return s;
  }
  if (typeof value === 'bigint') return value.toString(10);
  if (typeof value !== 'object') return value;
  if (value instanceof Set) return [...value].map((x) => plain(x, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, x]) => [String(k), plain(x, depth + 1)]));
  if (Array.isArray(value)) return value.map((x) => plain(x, depth + 1));
  if ('buf' in value && 'tag' in value && 'start' in value) {
    const t = value as unknown as { start: number; next: number };
    return { bytes: `${t.start}-${t.next}` }; // a DER reader view: its place in the object, not its buffer
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) if (x !== undefined && typeof x !== 'function') out[k] = plain(x, depth + 1);
  return out;
}
