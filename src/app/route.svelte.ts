/**
 * Hash routing, so every view can be deep-linked from a static host without server rewrites:
 *
 *   #/inspect?snapshot=<id>       inspect one file; verify it against a stored snapshot
 *   #/library                     stored snapshots; open a new one
 *   #/open?snapshot=URL&tal=URL&at=TIME   fetch a snapshot and validate it
 *   #/s/<id>                      a snapshot's overview
 *   #/s/<id>/tree?q=QUERY         the trust tree, and search
 *   #/s/<id>/object/<uri>         one stored object (the URI percent-encoded)
 *   #/s/<id>/code/<code>          the objects that carry a finding code
 *   #/s/<id>/vrps?tab=aspa|keys   payload tables
 *   #/s/<id>/rov?prefix=P&asn=N   route origin validation
 *
 * '' and '#/' are the start ("home"): the app decides where to go (the sample on a first visit).
 */
export const views = [
  { id: 'library', label: 'Library', title: 'Snapshot library' },
  { id: 'inspect', label: 'Inspect', title: 'Inspect a file' },
] as const;

export type SnapshotView = 'overview' | 'tree' | 'object' | 'code' | 'vrps' | 'rov';

export type Place =
  | { view: 'home' }
  | { view: 'inspect'; params: URLSearchParams }
  | { view: 'library' }
  | { view: 'open'; params: URLSearchParams }
  | { view: SnapshotView; id: string; arg?: string; params: URLSearchParams };

export type ViewId = Place['view'];

export function hashOf(view: 'inspect' | 'library', params?: Record<string, string>): string {
  const q = params ? new URLSearchParams(params).toString() : '';
  return q ? `#/${view}?${q}` : `#/${view}`;
}

/** The hash of a snapshot view; `arg` is the object URI or finding code, encoded here. */
export function snapshotHash(id: string, view: SnapshotView = 'overview', arg?: string, params?: Record<string, string>): string {
  let h = `#/s/${encodeURIComponent(id)}`;
  if (view !== 'overview') h += `/${view}`;
  if (arg !== undefined) h += `/${encodeURIComponent(arg)}`;
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString() : '';
  return q ? `${h}?${q}` : h;
}

const SNAPSHOT_VIEWS: ReadonlySet<string> = new Set(['tree', 'object', 'code', 'vrps', 'rov']);

/** The place a location hash names; null when it names nothing. */
export function placeOf(hash: string): Place | null {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/');
  if (path === '') return { view: 'home' };
  if (parts.length === 1 && parts[0] === 'library') return { view: 'library' };
  if (parts.length === 1 && parts[0] === 'inspect') return { view: 'inspect', params };
  if (parts.length === 1 && parts[0] === 'open') return { view: 'open', params };
  if (parts[0] !== 's' || !parts[1]) return null;
  let id: string;
  let arg: string | undefined;
  try {
    id = decodeURIComponent(parts[1]);
    arg = parts.length > 3 ? decodeURIComponent(parts.slice(3).join('/')) : undefined;
  } catch {
    return null;
  }
  if (parts.length === 2) return { view: 'overview', id, params };
  if (!SNAPSHOT_VIEWS.has(parts[2])) return null;
  const view = parts[2] as SnapshotView;
  if ((view === 'object' || view === 'code') !== (arg !== undefined)) return null;
  return { view, id, arg, params };
}

/** The current location hash as reactive state. */
export class Route {
  hash = $state(location.hash);
  place = $derived(placeOf(this.hash));

  /** Follows hashchange. Returns the cleanup for $effect. */
  start(): () => void {
    const update = (): void => {
      this.hash = location.hash;
    };
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }
}

/** Goes to a hash; `replace` keeps the current history entry (for redirects). */
export function go(hash: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', hash);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else location.hash = hash;
}
