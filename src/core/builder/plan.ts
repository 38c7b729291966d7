/**
 * The plan of a repository (see ./repository.ts): every CA, key, serial number, name, validity window, resource
 * block and payload, as plain data, with the chosen defects (./defects.ts) applied. Keys and serial numbers are
 * allocated here, in plan order, so that building is deterministic however the signing is scheduled.
 *
 * Resources: the trust anchor's IPv4 and IPv6 prefixes are halved down the tree (⌈log2 n⌉ times for n children)
 * and its AS range cut into equal runs; each member's ROAs take sub-blocks of the member's prefixes.
 */
import type { AsRange } from '../resources/as.ts';
import { parseAsn } from '../resources/as.ts';
import { parsePrefix, prefixToRange, rangeToPrefix, formatPrefix, type Afi, type IpPrefix, type IpRange } from '../resources/ip.ts';
import type { ClaimedResources } from '../resources/resource-set.ts';
import { EContentType } from '../objects/signed-object.ts';
import type { FindingCode } from '../report/catalog.ts';
import type { AspaContent } from './aspa.ts';
import { DEFECTS, type DefectName } from './defects.ts';
import type { Ghostbuster } from './gbr.ts';
import { toBase64Url, type EcPublicKey, type KeyRing, type RsaKey } from './keys.ts';
import { Random } from './random.ts';
import type { RoaContent } from './roa.ts';
import { routerSubject } from './router.ts';

const DAY = 86400;

export interface RepositorySpec {
  /** Seeds every choice the builder makes. */
  seed: string;
  /** The trust anchor's and the TAL's name (the TAL is `<name>.tal`); default "ta". */
  name?: string;
  /** Default "rpki.example.net" and "repo". */
  host?: string;
  module?: string;
  /** An RRDP notification URI (https) for every CA's SIA, RFC 8182 §3.2. */
  notify?: string;
  /** The trust anchor's resources, split evenly down the tree. Defaults: 10.0.0.0/8, 2001:db8::/32, AS4200000000-AS4294967294. */
  resources?: { ipv4?: string; ipv6?: string; asns?: string };
  /** CAs under the trust anchor, and member CAs under each of them. */
  intermediates: number;
  members: number;
  /** ROAs per member CA. */
  roas: number;
  /** ASPAs, router certificates (members, from the last one backwards) and Ghostbusters records (intermediates). */
  aspas?: number;
  routers?: number;
  gbrs?: number;
  /** Names of the intermediates and of the members (all members, in order); default rir<i> and <rir>-m<k>. */
  names?: { intermediates?: string[]; members?: string[] };
  /** Validity in days from one day before the build time. Defaults: ta 3650, ca 365, ee 30 (also CRLs and manifests). */
  validityDays?: { ta?: number; ca?: number; ee?: number };
  /** Defects to inject, one member CA each, in member order. */
  defects?: DefectName[];
}

export interface ExpectedDefect {
  defect: DefectName;
  /** The object on which validation reports `expectedCode`. */
  uri: string;
  expectedCode: FindingCode;
  description: string;
}

/** An EE certificate to be made: key, serial, validity, resources. */
export interface EePlan {
  key: RsaKey;
  serial: bigint;
  notBefore: number;
  notAfter: number;
  resources: ClaimedResources;
}

interface ObjectPlanBase {
  uri: string;
  /** Flip a bit of the signature after signing. */
  corrupt: boolean;
  /** A defect makes validation reject it. */
  spoiled: boolean;
}

export interface RoaPlan extends ObjectPlanBase {
  type: 'roa';
  ee: EePlan;
  eContentType: string;
  content: RoaContent;
}

export interface AspaPlan extends ObjectPlanBase {
  type: 'asa';
  ee: EePlan;
  content: AspaContent;
}

export interface GbrPlan extends ObjectPlanBase {
  type: 'gbr';
  ee: EePlan;
  content: Ghostbuster;
}

export interface RouterPlan extends ObjectPlanBase {
  type: 'router';
  serial: bigint;
  asn: number;
  key: EcPublicKey;
  notBefore: number;
  notAfter: number;
}

export type ObjectPlan = RoaPlan | AspaPlan | GbrPlan | RouterPlan;

/** The blocks a CA was allocated, from which it allocates in turn. */
export interface Holding {
  ipv4: IpRange;
  ipv6: IpRange;
  asns: AsRange;
}

export interface CaPlan {
  name: string;
  parent?: CaPlan;
  children: CaPlan[];
  key: RsaKey;
  held: Holding;
  /** The certificate its parent issues (a trust anchor issues its own). */
  cert: { serial: bigint; notBefore: number; notAfter: number; resources: ClaimedResources };
  certUri: string;
  /** The publication point, with its trailing slash. */
  dir: string;
  mftUri: string;
  crlUri: string;
  /** `corrupt`: a bit of the signature flipped after signing. */
  crl: { thisUpdate: number; nextUpdate: number; revoked: bigint[]; corrupt: boolean };
  manifest: { thisUpdate: number; nextUpdate: number; ee: EePlan };
  objects: ObjectPlan[];
  /** An IPv4 prefix (a /24 where the block allows) inside the CA's block that no ROA uses. */
  spare: IpPrefix;
  /** Changed or removed after the manifest is signed. */
  /** After signing: a file modified, removed, left off the manifest, or published and listed under another name. */
  tamper?: { kind: 'modify' | 'remove' | 'unlist' | 'rename'; uri: string };
  corrupt: boolean;
  spoiled: boolean;
  nextSerial: bigint;
}

export interface Plan {
  /** Breadth first: the trust anchor, the intermediates, the members. */
  cas: CaPlan[];
  defects: ExpectedDefect[];
}

/** The whole repository as data: every key, serial, name, window and payload, with the defects applied. */
export function planRepository(spec: RepositorySpec, time: number, ring: KeyRing): Plan {
  const host = spec.host ?? 'rpki.example.net';
  const module = spec.module ?? 'repo';
  const base = `rsync://${host}/${module}/`;
  const days = { ta: 3650, ca: 365, ee: 30, ...spec.validityDays };
  const rnd = new Random(`${spec.seed}/plan`);
  const start = time - DAY;
  const taName = spec.name ?? 'ta';
  const held: Holding = {
    ipv4: prefixBlock(spec.resources?.ipv4 ?? '10.0.0.0/8', 'ipv4'),
    ipv6: prefixBlock(spec.resources?.ipv6 ?? '2001:db8::/32', 'ipv6'),
    asns: asBlock(spec.resources?.asns ?? 'AS4200000000-AS4294967294'),
  };

  const inherit: ClaimedResources = { ip: { ipv4: 'inherit', ipv6: 'inherit' }, as: { asnum: 'inherit' } };
  const ee = (issuer: CaPlan, resources: ClaimedResources): EePlan => ({
    key: ring.rsa(),
    serial: issuer.nextSerial++,
    notBefore: start,
    notAfter: time + days.ee * DAY,
    resources,
  });
  const ca = (name: string, parent: CaPlan | undefined, holding: Holding, dir: string, certUri: string, validity: number): CaPlan => {
    const key = ring.rsa();
    const file = toBase64Url(key.ski);
    // RFC 9286 §5.1 (and rpki-client): the manifest's EE certificate inherits every resource. Its serial is 1.
    const mftEe: EePlan = { key: ring.rsa(), serial: 1n, notBefore: start, notAfter: time + days.ee * DAY, resources: inherit };
    const c: CaPlan = {
      name,
      parent,
      children: [],
      key,
      held: holding,
      cert: {
        serial: parent ? parent.nextSerial++ : 1n,
        notBefore: start,
        notAfter: time + validity * DAY,
        resources: {
          ip: { ipv4: [holding.ipv4], ipv6: [holding.ipv6] },
          as: { asnum: [holding.asns] },
        },
      },
      certUri,
      dir,
      mftUri: `${dir}${file}.mft`,
      crlUri: `${dir}${file}.crl`,
      crl: { thisUpdate: start, nextUpdate: time + days.ee * DAY, revoked: [], corrupt: false },
      manifest: { thisUpdate: start, nextUpdate: time + days.ee * DAY, ee: mftEe },
      objects: [],
      spare: { afi: 'ipv4', addr: holding.ipv4.min, len: 32 },
      corrupt: false,
      spoiled: false,
      nextSerial: 2n,
    };
    parent?.children.push(c);
    return c;
  };

  // The tree, keys allocated breadth first.
  const ta = ca(taName, undefined, held, `${base}ta/`, `${base}ta/${taName}.cer`, days.ta);
  const intermediates = split(held, spec.intermediates).map((h, i) => {
    const name = spec.names?.intermediates?.[i] ?? `rir${i + 1}`;
    return ca(name, ta, h, `${base}${name}/`, `${ta.dir}${name}.cer`, days.ca);
  });
  const members = intermediates.flatMap((parent, i) =>
    split(parent.held, spec.members).map((h, k) => {
      const name = spec.names?.members?.[i * spec.members + k] ?? `${parent.name}-m${k + 1}`;
      return ca(name, parent, h, `${parent.dir}${name}/`, `${parent.dir}${name}.cer`, days.ca);
    }),
  );
  const cas = [ta, ...intermediates, ...members];

  const names = new Map<CaPlan, Set<string>>();
  const uniqueUri = (owner: CaPlan, stem: string, ext: string): string => {
    const taken = names.get(owner) ?? new Set();
    names.set(owner, taken);
    let name = `${stem}.${ext}`;
    for (let n = 2; taken.has(name); n++) name = `${stem}-${n}.${ext}`;
    taken.add(name);
    return owner.dir + name;
  };

  for (const m of members) planRoas(m, spec.roas, rnd, ee, uniqueUri);
  const fromEnd = (i: number) => members[members.length - 1 - (i % members.length)];
  for (let i = 0; i < (spec.aspas ?? 0) && members.length; i++) {
    const owner = fromEnd(i);
    const customer = owner.held.asns.min;
    // Providers: two other members' first AS numbers (a lone member gets its neighbour number).
    const candidates = members.map((m) => m.held.asns.min).filter((a) => a !== customer);
    const providers = new Set<number>();
    while (providers.size < Math.min(2, candidates.length)) providers.add(candidates[rnd.int(candidates.length)]);
    if (!candidates.length) providers.add(customer === held.asns.max ? customer - 1 : customer + 1);
    owner.objects.push({
      type: 'asa',
      uri: uniqueUri(owner, `AS${customer}`, 'asa'),
      ee: ee(owner, { as: { asnum: [{ min: customer, max: customer }] } }),
      content: { customer, providers: [...providers].sort((a, b) => a - b) },
      corrupt: false,
      spoiled: false,
    });
  }
  for (let i = 0; i < (spec.routers ?? 0) && members.length; i++) {
    const owner = fromEnd(i);
    const asn = owner.held.asns.min;
    owner.objects.push({
      type: 'router',
      uri: uniqueUri(owner, routerSubject(asn), 'cer'),
      serial: owner.nextSerial++,
      asn,
      key: ring.ec(),
      notBefore: start,
      notAfter: time + days.ee * DAY,
      corrupt: false,
      spoiled: false,
    });
  }
  for (let i = 0; i < (spec.gbrs ?? 0) && intermediates.length; i++) {
    const owner = intermediates[i % intermediates.length];
    owner.objects.push({
      type: 'gbr',
      uri: uniqueUri(owner, owner.name, 'gbr'),
      ee: ee(owner, inherit),
      content: {
        fn: `${owner.name} RPKI operations`,
        org: `${owner.name} Example Registry`,
        adr: ';;1 Example Street;Example City;;99999;ZZ',
        tel: '+1-555-0100',
        email: `rpki@${owner.name}.example`,
      },
      corrupt: false,
      spoiled: false,
    });
  }

  const wanted = spec.defects ?? [];
  if (new Set(wanted).size !== wanted.length) throw new Error('each defect may be named once');
  if (wanted.length > members.length) throw new Error(`${wanted.length} defects need as many member CAs; the spec has ${members.length}`);
  const defects = wanted.map((defect, i): ExpectedDefect => {
    const info = DEFECTS[defect];
    if (!info) throw new Error(`unknown defect "${defect}"`);
    return { defect, uri: info.apply(members[i], time), expectedCode: info.code, description: info.description };
  });
  return { cas, defects };
}

/**
 * ROA i of a member takes sub-block i of the member's IPv4 and IPv6 blocks (one more sub-block than ROAs, so the
 * last stays spare), a prefix of /20–/24 (IPv4) or /32–/48 (IPv6) at its start, sometimes two, and a maxLength that
 * is the prefix length or up to three more. Every third ROA has both families, the others one. The start of the
 * spare sub-block is the CA's spare prefix.
 */
function planRoas(
  ca: CaPlan,
  count: number,
  rnd: Random,
  ee: (issuer: CaPlan, resources: ClaimedResources) => EePlan,
  uniqueUri: (owner: CaPlan, stem: string, ext: string) => string,
): void {
  const bits = Math.ceil(Math.log2(count + 1));
  const v4 = subBlocks(ca.held.ipv4, 'ipv4', bits);
  const v6 = subBlocks(ca.held.ipv6, 'ipv6', bits);
  const spare = v4.at(-1)!;
  ca.spare = { ...spare, len: Math.max(spare.len, 24) };
  const pick = (block: IpPrefix, shortest: number, longest: number): RoaContent['prefixes'] => {
    const width = block.afi === 'ipv4' ? 32 : 128;
    const len = Math.min(width, Math.max(block.len, shortest + rnd.int(longest - shortest + 1)));
    const cap = Math.max(len, longest);
    const maxLength = rnd.int(2) ? Math.min(cap, len + 1 + rnd.int(3)) : undefined;
    const first = { prefix: { afi: block.afi, addr: block.addr, len }, maxLength };
    if (len === block.len || rnd.int(3)) return [first];
    const next = block.addr + (1n << BigInt(width - len));
    return [first, { prefix: { afi: block.afi, addr: next, len }, maxLength }];
  };
  for (let i = 0; i < count; i++) {
    const families = i % 3 === 0 ? ['ipv4', 'ipv6'] : i % 3 === 1 ? ['ipv4'] : ['ipv6'];
    const prefixes = [...(families.includes('ipv4') ? pick(v4[i], 20, 24) : []), ...(families.includes('ipv6') ? pick(v6[i], 32, 48) : [])];
    const span = ca.held.asns.max - ca.held.asns.min;
    const asId = ca.held.asns.min + (span > 0 && rnd.int(4) === 0 ? 1 : 0);
    const ip: ClaimedResources['ip'] = {};
    for (const afi of ['ipv4', 'ipv6'] as const) {
      const own = prefixes.filter((p) => p.prefix.afi === afi).map((p) => prefixToRange(p.prefix));
      if (own.length) ip[afi] = own;
    }
    ca.objects.push({
      type: 'roa',
      uri: uniqueUri(ca, `AS${asId}`, 'roa'),
      // RFC 9582 §5 (and rpki-client): the EE certificate lists the ROA's prefixes explicitly and no AS numbers.
      ee: ee(ca, { ip }),
      eContentType: EContentType.roa,
      content: { asId, prefixes },
      corrupt: false,
      spoiled: false,
    });
  }
}

function prefixBlock(s: string, afi: Afi): IpRange {
  const p = parsePrefix(s);
  if (p.afi !== afi) throw new Error(`"${s}" is not an ${afi} prefix`);
  return prefixToRange(p);
}

function asBlock(s: string): AsRange {
  const [lo, hi = lo] = s.split('-');
  const r = { min: parseAsn(lo), max: parseAsn(hi) };
  if (r.max < r.min) throw new Error(`empty AS range "${s}"`);
  return r;
}

/** `n` equal parts of each block: IP blocks halved ⌈log2 n⌉ times, AS ranges cut into equal runs. */
function split(h: Holding, n: number): Holding[] {
  if (n <= 0) return [];
  const bits = Math.ceil(Math.log2(n));
  const v4 = subBlocks(h.ipv4, 'ipv4', bits);
  const v6 = subBlocks(h.ipv6, 'ipv6', bits);
  const run = Math.floor((h.asns.max - h.asns.min + 1) / n);
  if (run < 1) throw new Error(`AS${h.asns.min}-AS${h.asns.max} cannot be split ${n} ways`);
  return Array.from({ length: n }, (_, i) => ({
    ipv4: prefixToRange(v4[i]),
    ipv6: prefixToRange(v6[i]),
    asns: { min: h.asns.min + i * run, max: h.asns.min + (i + 1) * run - 1 },
  }));
}

/** The 2^bits sub-prefixes of a prefix-shaped range. */
function subBlocks(r: IpRange, afi: Afi, bits: number): IpPrefix[] {
  const p = rangeToPrefix(afi, r);
  const width = afi === 'ipv4' ? 32 : 128;
  if (!p) throw new Error(`${afi} block is not a prefix`);
  if (p.len + bits > width) throw new Error(`${formatPrefix(p)} is too small to split ${2 ** bits} ways`);
  const len = p.len + bits;
  const size = 1n << BigInt(width - len);
  return Array.from({ length: 2 ** bits }, (_, i) => ({ afi, addr: p.addr + BigInt(i) * size, len }));
}

