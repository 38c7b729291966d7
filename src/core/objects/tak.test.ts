import { describe, expect, it } from 'vitest';
import { Findings } from '../report/finding.ts';
import { fixture } from '../../testing/fixtures.ts';
import { decodeTak, inspectTak, type Tak } from './tak.ts';

const REGRESS = 'real/openbsd-rpki-client-regress/tak';

function tak(name: string): Tak {
  const d = decodeTak(fixture(`${REGRESS}/${name}`));
  if (!d.ok) throw new Error(`${name}: ${d.findings.map((f) => f.code).join(', ')}`);
  return d.value;
}

describe('decodeTak (RFC 9691)', () => {
  it('reads the current and successor keys of 05F53BCE….tak (APNIC testbed)', () => {
    const t = tak('05F53BCE4DAA11EDB9AC0C5B9E174E93.tak');
    expect(t.version).toBe(0);
    expect(t.current.comments).toEqual(['Current key for original TAL']);
    expect(t.current.certificateUris).toEqual(['rsync://rpki-testbed.apnic.net/repository/ED9D5F8E4DA911EDB9AC0C5B9E174E93/root.cer']);
    expect(t.successor?.comments).toEqual(['Successor key for original TAL']);
    expect(t.successor?.certificateUris).toEqual(['rsync://rpki-testbed.apnic.net/repository/F785A7404DA911EDB9AC0C5B9E174E93/root.cer']);
    expect(t.predecessor).toBeUndefined();
    // openssl asn1parse: the EE certificate's AKI is 08C485FC…934D8F, the SHA-1 of the current key
    expect(t.current.ski).toBe('08c485fca8a359f2ad0947e80fcd1f4852934d8f');
    expect(t.current.publicKey.type).toBe('rsa');
    expect(t.current.spki.length).toBe(294);
  });

  it('reads a TAK without successor and one whose successor repeats the current key', () => {
    const single = tak('42AE70A64DA711EDB37796549E174E93.tak');
    expect(single.current.comments).toEqual([]);
    expect(single.successor).toBeUndefined();
    const repeated = tak('B7C2334E4DA911EDAF862D5A9E174E93.tak');
    expect(repeated.successor?.certificateUris).toEqual(['rsync://example.invalid/root.cer']);
    expect(repeated.successor?.ski).toBe(repeated.current.ski);
  });

  it('reads the copies kept in rpki-commons interop alike', () => {
    const d = decodeTak(fixture('real/ripe-ncc-rpki-commons/interop/openbsd-regress/42AE70A64DA711EDB37796549E174E93.tak'));
    expect(d.ok && d.value.current.ski).toBe(tak('42AE70A64DA711EDB37796549E174E93.tak').current.ski);
  });
});

describe('inspectTak (RFC 9691 §4.3)', () => {
  it('finds the EE certificates issued by the current keys, with inherited resources', () => {
    for (const name of ['05F53BCE4DAA11EDB9AC0C5B9E174E93.tak', '42AE70A64DA711EDB37796549E174E93.tak', 'B7C2334E4DA911EDAF862D5A9E174E93.tak']) {
      const t = tak(name);
      const findings = new Findings();
      inspectTak(t, findings);
      expect(findings.list.filter((f) => f.code.startsWith('tak.')), name).toEqual([]);
      expect(t.signedObject.ee.aki).toBe(t.current.ski);
    }
  });

  it('reports a TAK signed under a key other than the current one', () => {
    const t = tak('05F53BCE4DAA11EDB9AC0C5B9E174E93.tak');
    const swapped = { ...t, current: t.successor ?? t.current };
    const findings = new Findings();
    inspectTak(swapped, findings);
    expect(findings.list.filter((f) => f.code.startsWith('tak.')).map((f) => `${f.stage}:${f.code}`)).toEqual(['inspect:tak.current.not-signer']);
  });
});
