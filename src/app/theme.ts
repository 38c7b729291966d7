/** The colour theme: 'auto' follows prefers-color-scheme; the others set data-theme on <html> (see app.css). */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'rpki-lens.theme';

export function savedTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return (THEMES as readonly string[]).includes(t ?? '') ? (t as Theme) : 'auto';
  } catch {
    return 'auto';
  }
}

export function applyTheme(theme: Theme, save = false): void {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  if (!save) return;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page only.
  }
}
