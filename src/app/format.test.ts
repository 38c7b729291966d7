import { describe, expect, it } from 'vitest';
import { makeFinding } from '../core/report/finding.ts';
import { countFindings, isoTime, specHref, specLabel, verdictOf } from './format.ts';

describe('spec references', () => {
  it('links an RFC section on rfc-editor.org', () => {
    expect(specHref({ rfc: 9582, section: '4.3.2' })).toBe('https://www.rfc-editor.org/rfc/rfc9582#section-4.3.2');
    expect(specLabel({ rfc: 9582, section: '4.3.2' })).toBe('RFC 9582 §4.3.2');
  });
  it('links a whole RFC and an appendix', () => {
    expect(specHref({ rfc: 6480 })).toBe('https://www.rfc-editor.org/rfc/rfc6480');
    expect(specHref({ rfc: 6487, section: 'A.1' })).toBe('https://www.rfc-editor.org/rfc/rfc6487#appendix-A.1');
  });
  it('links a draft on the datatracker', () => {
    const spec = { draft: 'draft-ietf-sidrops-aspa-profile', section: '3' };
    expect(specHref(spec)).toBe('https://datatracker.ietf.org/doc/html/draft-ietf-sidrops-aspa-profile#section-3');
    expect(specLabel(spec)).toBe('draft-ietf-sidrops-aspa-profile §3');
  });
  it('links an ITU-T Recommendation without an anchor', () => {
    expect(specHref({ itu: 'X.690', section: '8.1.1' })).toBe('https://www.itu.int/rec/T-REC-X.690');
    expect(specLabel({ itu: 'X.690', section: '8.1.1' })).toBe('ITU-T X.690 §8.1.1');
  });
});

describe('times', () => {
  it('shows Unix seconds as ISO 8601 UTC without fractions', () => {
    expect(isoTime(1556668800)).toBe('2019-05-01T00:00:00Z');
    expect(isoTime(2524608000)).toBe('2050-01-01T00:00:00Z');
    expect(isoTime(1e20)).toBe('100000000000000000000');
  });
});

describe('verdict', () => {
  const ber = makeFinding('der.ber.indefinite-length');
  const truncated = makeFinding('der.truncated', { field: 'x', need: 3, have: 1 });
  it('is ok without findings', () => {
    expect(verdictOf([]).kind).toBe('ok');
    expect(countFindings([])).toBe('no findings');
  });
  it('lets errors win over warnings', () => {
    expect(verdictOf([ber]).kind).toBe('warnings');
    expect(verdictOf([ber, truncated]).kind).toBe('errors');
    expect(countFindings([ber, truncated, ber])).toBe('1 error, 2 warnings');
  });
});
