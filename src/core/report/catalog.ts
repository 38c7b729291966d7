/**
 * The one catalog of finding codes: each code's spec reference, severity, stage, sentence and "why". The UI, the
 * CLI and the docs read it. A code never changes meaning. Parts live in ./codes, one per area.
 */
import type { Severity, SpecRef, Stage } from './finding.ts';
import { derCodes } from './codes/der.ts';
import { internalCodes } from './codes/internal.ts';
import { resourcesCodes } from './codes/resources.ts';
import { talCodes } from './codes/tal.ts';
import { x509Codes } from './codes/x509.ts';
import { certCodes } from './codes/cert.ts';
import { crlCodes } from './codes/crl.ts';
import { cmsCodes } from './codes/cms.ts';
import { roaCodes } from './codes/roa.ts';
import { mftCodes } from './codes/mft.ts';
import { aspaCodes } from './codes/aspa.ts';
import { gbrCodes } from './codes/gbr.ts';
import { takCodes } from './codes/tak.ts';
import { rscCodes } from './codes/rsc.ts';
import { splCodes } from './codes/spl.ts';
import { objectCodes } from './codes/object.ts';
import { validateCodes } from './codes/validate.ts';
import { snapshotCodes } from './codes/snapshot.ts';

export interface CodeInfo {
  severity: Severity;
  stage: Stage;
  spec: SpecRef;
  /** One sentence; `{param}` placeholders are filled from the finding's params. */
  sentence: string;
  /** Why the rule exists, for the inspector and the docs. */
  why: string;
}

export const catalog = {
  ...derCodes,
  ...internalCodes,
  ...resourcesCodes,
  ...talCodes,
  ...x509Codes,
  ...certCodes,
  ...crlCodes,
  ...cmsCodes,
  ...roaCodes,
  ...mftCodes,
  ...aspaCodes,
  ...gbrCodes,
  ...takCodes,
  ...rscCodes,
  ...splCodes,
  ...objectCodes,
  ...validateCodes,
  ...snapshotCodes,
} as const satisfies Record<string, CodeInfo>;

export type FindingCode = keyof typeof catalog;

export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(catalog, code);
}
