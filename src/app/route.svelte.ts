/**
 * Hash routing (`#/inspect`), so views can be deep-linked from a static host without server rewrites. Only the
 * views that exist are listed; the header renders its navigation from this list.
 */
export const views = [{ id: 'inspect', label: 'Inspect', title: 'Inspect a file' }] as const;

export type ViewId = (typeof views)[number]['id'];

export function hashOf(view: ViewId): string {
  return `#/${view}`;
}

/** The view a location hash names: '' and '#/' mean the default view; anything unknown is null. */
export function viewOf(hash: string): ViewId | null {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  if (path === '') return views[0].id;
  return views.find((v) => v.id === path)?.id ?? null;
}

/** The current location hash as reactive state. */
export class Route {
  hash = $state(location.hash);

  /** Follows hashchange; normalises an empty hash to the default view. Returns the cleanup for $effect. */
  start(): () => void {
    if (location.hash === '' || location.hash === '#/') {
      history.replaceState(null, '', hashOf(views[0].id));
      this.hash = location.hash;
    }
    const update = (): void => {
      this.hash = location.hash;
    };
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }

  get view(): ViewId | null {
    return viewOf(this.hash);
  }
}
