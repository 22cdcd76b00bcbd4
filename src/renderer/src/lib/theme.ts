export type ThemeSetting = 'system' | 'light' | 'dark';

const media = (): MediaQueryList | null =>
  typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

export function resolveTheme(setting: ThemeSetting, prefersDark = media()?.matches ?? false): 'light' | 'dark' {
  return setting === 'system' ? (prefersDark ? 'dark' : 'light') : setting;
}

let current: ThemeSetting = 'system';
let listening = false;

/** Applies the theme to <html data-theme>; "system" follows the OS setting live. */
export function applyTheme(setting: ThemeSetting): void {
  current = setting;
  document.documentElement.dataset.theme = resolveTheme(setting);
  const mq = media();
  if (mq && !listening) {
    listening = true;
    mq.addEventListener('change', () => {
      if (current === 'system') document.documentElement.dataset.theme = resolveTheme('system');
    });
  }
}
