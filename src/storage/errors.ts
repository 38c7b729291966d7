/**
 * IndexedDB failures as one error type with a kind the UI can act on and a sentence a user can follow. The raw
 * DOMException stays as `cause` for the console.
 */

export type StorageErrorKind = 'quota' | 'blocked' | 'version' | 'unavailable' | 'other';

/** What was being done when the browser failed, for the sentence. */
export type StorageAction = 'open' | 'read' | 'write';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const explanations: Record<Exclude<StorageErrorKind, 'other'>, string> = {
  quota: 'The browser refused to store more: free disk space, or delete older snapshots in the library.',
  blocked: 'Another RPKI Lens tab has an older version of the library open: close the other tabs and reload this one.',
  version: 'The library on this computer was written by a newer version of RPKI Lens: reload the page to use it.',
  unavailable:
    'This browser does not let the page keep data (private browsing, or site data turned off in its settings): ' +
    'results are shown but cannot be kept for next time.',
};

const ACTION_WORDS: Record<StorageAction, string> = { open: 'opening', read: 'reading', write: 'writing' };

/** Names browsers give a full disk or an exhausted quota (Firefox before 73 used its own). */
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

export function toStorageError(e: unknown, action: StorageAction): StorageError {
  if (e instanceof StorageError) return e;
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const detail = e instanceof Error || e instanceof DOMException ? `${e.name}: ${e.message}` : String(e);
  let kind: StorageErrorKind = 'other';
  if (QUOTA_NAMES.has(name)) kind = 'quota';
  else if (name === 'VersionError') kind = 'version';
  // Firefox's private windows (before 115) refuse indexedDB.open with InvalidStateError, Safari with storage
  // disabled with SecurityError; later, the same names mean a bug of ours and stay 'other'.
  else if (action === 'open' && (name === 'InvalidStateError' || name === 'SecurityError')) kind = 'unavailable';
  const message = kind === 'other' ? `The browser's storage failed while ${ACTION_WORDS[action]} the library (${detail}).` : explanations[kind];
  return new StorageError(kind, message, { cause: e });
}
