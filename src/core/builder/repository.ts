/**
 * Builds a whole RPKI repository from a small spec: a trust anchor (RFC 8630), intermediate ("RIR-like") CAs, member
 * CAs under each, and their ROAs, ASPAs, BGPsec router certificates and Ghostbusters records, each publication point
 * with its CRL and manifest (RFC 6481 layout, RFC 9286). Optional defects (./defects.ts) spoil chosen objects.
 *
 * Deterministic: the same spec, seed, time and key pool give the same bytes. Keys and serial numbers are allocated
 * in plan order (./plan.ts) before anything is signed, and RSASSA-PKCS1-v1_5 signatures are deterministic.
 *
 * Layout (rsync URIs, all under rsync://<host>/<module>/):
 *   ta/<name>.cer                      the trust anchor certificate (the TAL points here)
 *   ta/                                the trust anchor's publication point: <ski>.mft, <ski>.crl, <intermediate>.cer
 *   <intermediate>/                    an intermediate's publication point: its members' .cer, .gbr
 *   <intermediate>/<member>/           a member's: AS<asn>.roa, AS<asn>.asa, ROUTER-<asn hex>.cer
 * where <ski> is the base64url of the CA's key identifier, as Krill names them.
 */
import { hex } from '../der/values.ts';
import { formatPrefix } from '../resources/ip.ts';
import { EContentType } from '../objects/signed-object.ts';
import { aspaContent } from './aspa.ts';
import { makeCertificate, type CertificateSpec, type Issuer } from './cert.ts';
import { makeSignedObject } from './cms.ts';
import { makeCrl } from './crl.ts';
import { flipLastBit } from './defects.ts';
import { vCard } from './gbr.ts';
import { KeyRing, type KeyPoolData } from './keys.ts';
import { manifestContent } from './manifest.ts';
import { planRepository, type CaPlan, type ExpectedDefect, type ObjectPlan, type RepositorySpec } from './plan.ts';
import { roaContent } from './roa.ts';
import { makeRouterCertificate } from './router.ts';

export type { RepositorySpec, ExpectedDefect } from './plan.ts';

export interface BuildOptions {
  /** The build time, Unix seconds: validity windows run from a day before it. */
  time: number;
  keys: KeyPoolData;
  /** WebCrypto for signatures and digests; default globalThis.crypto.subtle. */
  crypto?: SubtleCrypto;
}

export interface ExpectedVrp {
  asn: number;
  prefix: string;
  maxLength: number;
}

export interface BuiltRepository {
  tal: { name: string; text: string; uris: string[]; spki: Uint8Array };
  /** Every published file by rsync URI, in URI order. */
  objects: Map<string, Uint8Array>;
  /** What a validator outputs at an evaluation time inside the windows (from the build time to its expiry). */
  expected: {
    vrps: ExpectedVrp[];
    aspas: { customer: number; providers: number[] }[];
    routerKeys: { asn: number; ski: string }[];
    defects: ExpectedDefect[];
  };
}

/** Plans and builds the repository. */
export async function buildRepository(spec: RepositorySpec, opts: BuildOptions): Promise<BuiltRepository> {
  const subtle = opts.crypto ?? globalThis.crypto.subtle;
  const plan = planRepository(spec, opts.time, new KeyRing(opts.keys, spec.seed, subtle));
  const objects = new Map<string, Uint8Array>();
  const ta = plan.cas[0];
  objects.set(ta.certUri, await makeCertificate(caCertSpec(ta, spec.notify), { name: ta.name, key: ta.key }));
  await Promise.all(plan.cas.map((ca) => buildPublicationPoint(ca, objects, subtle, spec.notify)));
  return {
    tal: talOf(spec.name ?? 'ta', ta),
    objects: new Map([...objects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    expected: { ...expectedPayloads(plan.cas), defects: plan.defects },
  };
}

function caCertSpec(ca: CaPlan, notify: string | undefined): CertificateSpec {
  return {
    kind: ca.parent ? 'ca' : 'ta',
    serial: ca.cert.serial,
    subject: ca.name,
    notBefore: ca.cert.notBefore,
    notAfter: ca.cert.notAfter,
    key: ca.key,
    sia: { caRepository: ca.dir, rpkiManifest: ca.mftUri, rpkiNotify: notify },
    resources: ca.cert.resources,
  };
}

/** One CA's publication point: what it issues, its CRL, then the manifest over all of it. */
async function buildPublicationPoint(ca: CaPlan, objects: Map<string, Uint8Array>, subtle: SubtleCrypto, notify: string | undefined): Promise<void> {
  const issuer: Issuer = { name: ca.name, key: ca.key, certUri: ca.certUri, crlUri: ca.crlUri };
  const crl = { ...ca.crl, crlNumber: 1n, revoked: ca.crl.revoked.map((serial) => ({ serial, date: ca.crl.thisUpdate })) };
  const made = [
    ...ca.children.map((child) => ({ uri: child.certUri, bytes: makeCertificate(caCertSpec(child, notify), issuer), corrupt: child.corrupt })),
    ...ca.objects.map((o) => ({ uri: o.uri, bytes: makeObject(o, issuer, subtle), corrupt: o.corrupt })),
    { uri: ca.crlUri, bytes: makeCrl(crl, issuer), corrupt: ca.crl.corrupt },
  ];
  const files = await Promise.all(
    made.map(async (f) => {
      const bytes = f.corrupt ? flipLastBit(await f.bytes) : await f.bytes;
      objects.set(f.uri, bytes);
      return { name: f.uri.slice(ca.dir.length), hash: new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)) };
    }),
  );
  const m = ca.manifest;
  const listed = ca.tamper?.kind === 'unlist' ? files.filter((f) => ca.dir + f.name !== ca.tamper!.uri) : files;
  if (ca.tamper?.kind === 'rename') {
    const entry = files.find((f) => ca.dir + f.name === ca.tamper!.uri)!;
    entry.name = entry.name.replace(/(\.[a-z]+)$/, '-renamed$1');
    objects.set(ca.dir + entry.name, objects.get(ca.tamper.uri)!);
    objects.delete(ca.tamper.uri);
  }
  objects.set(
    ca.mftUri,
    await makeSignedObject(
      {
        eContentType: EContentType.mft,
        eContent: manifestContent({ manifestNumber: 1n, thisUpdate: m.thisUpdate, nextUpdate: m.nextUpdate, files: listed }),
        uri: ca.mftUri,
        ...m.ee,
      },
      issuer,
      subtle,
    ),
  );
  if (ca.tamper?.kind === 'modify') objects.set(ca.tamper.uri, flipLastBit(objects.get(ca.tamper.uri)!));
  if (ca.tamper?.kind === 'remove') objects.delete(ca.tamper.uri);
}

function makeObject(o: ObjectPlan, issuer: Issuer, subtle: SubtleCrypto): Promise<Uint8Array> {
  switch (o.type) {
    case 'roa':
      return makeSignedObject({ eContentType: o.eContentType, eContent: roaContent(o.content), uri: o.uri, ...o.ee }, issuer, subtle);
    case 'asa':
      return makeSignedObject({ eContentType: EContentType.aspa, eContent: aspaContent(o.content), uri: o.uri, ...o.ee }, issuer, subtle);
    case 'gbr':
      return makeSignedObject({ eContentType: EContentType.gbr, eContent: vCard(o.content), uri: o.uri, ...o.ee }, issuer, subtle);
    case 'router':
      return makeRouterCertificate({ serial: o.serial, asns: [o.asn], key: o.key, notBefore: o.notBefore, notAfter: o.notAfter }, issuer);
  }
}

/** RFC 8630 §2.2: the URI, an empty line, the SubjectPublicKeyInfo in base64 (wrapped at 64 columns). */
function talOf(name: string, ta: CaPlan): BuiltRepository['tal'] {
  let b64 = '';
  for (const x of ta.key.spki) b64 += String.fromCharCode(x);
  b64 = btoa(b64);
  const lines = b64.match(/.{1,64}/g)!;
  return { name, text: `${ta.certUri}\n\n${lines.join('\n')}\n`, uris: [ta.certUri], spki: ta.key.spki };
}

/** The payloads of every object no defect spoiled, under CAs no defect spoiled. */
function expectedPayloads(cas: CaPlan[]): Omit<BuiltRepository['expected'], 'defects'> {
  const alive = (ca: CaPlan | undefined): boolean => !ca || (!ca.spoiled && alive(ca.parent));
  const vrps = new Map<string, ExpectedVrp>();
  const aspas: BuiltRepository['expected']['aspas'] = [];
  const routerKeys: BuiltRepository['expected']['routerKeys'] = [];
  for (const ca of cas) {
    if (!alive(ca)) continue;
    for (const o of ca.objects) {
      if (o.spoiled) continue;
      if (o.type === 'roa') {
        for (const p of o.content.prefixes) {
          const v = { asn: o.content.asId, prefix: formatPrefix(p.prefix), maxLength: p.maxLength ?? p.prefix.len };
          vrps.set(`${v.asn} ${v.prefix} ${v.maxLength}`, v);
        }
      } else if (o.type === 'asa') aspas.push({ customer: o.content.customer, providers: o.content.providers });
      else if (o.type === 'router') routerKeys.push({ asn: o.asn, ski: hex(o.key.ski) });
    }
  }
  return {
    vrps: [...vrps.values()].sort((a, b) => a.asn - b.asn || (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0) || a.maxLength - b.maxLength),
    aspas: aspas.sort((a, b) => a.customer - b.customer),
    routerKeys: routerKeys.sort((a, b) => a.asn - b.asn || (a.ski < b.ski ? -1 : 1)),
  };
}

