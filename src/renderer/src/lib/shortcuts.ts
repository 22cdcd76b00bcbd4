/**
 * Global keyboard shortcuts registry, shared by every feature. One keydown listener on window;
 * features register a combo and get an unregister function (call it in a useEffect cleanup).
 *
 * Combos: 'mod+n' (mod = Ctrl on Windows/Linux, Cmd on macOS), 'mod+shift+k', 'escape', 'mod+enter'.
 * The most recently registered handler for a combo wins, so a page can temporarily override one.
 */
export interface Shortcut {
  combo: string;
  description: string;
  handler: (e: KeyboardEvent) => void;
  /** Fire even when focus is in a text field (default true for mod+ combos, false otherwise). */
  allowInInput?: boolean;
}

const registry: Shortcut[] = [];
let installed = false;

const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function normalizeCombo(combo: string): string {
  const parts = combo.toLowerCase().split('+').map((p) => p.trim());
  const key = parts.pop() ?? '';
  const mods = ['mod', 'shift', 'alt'].filter((m) => parts.includes(m));
  return [...mods, key].join('+');
}

export function comboFromEvent(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac = isMac()): string {
  const mods: string[] = [];
  if (mac ? e.metaKey : e.ctrlKey) mods.push('mod');
  if (e.shiftKey) mods.push('shift');
  if (e.altKey) mods.push('alt');
  return [...mods, e.key.toLowerCase()].join('+');
}

/** Finds the handler for a combo (exported for tests). */
export function findShortcut(combo: string): Shortcut | undefined {
  for (let i = registry.length - 1; i >= 0; i--) if (normalizeCombo(registry[i].combo) === combo) return registry[i];
  return undefined;
}

function isTextTarget(t: EventTarget | null): boolean {
  if (!t || typeof (t as HTMLElement).tagName !== 'string') return false;
  const el = t as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  const combo = comboFromEvent(e);
  const sc = findShortcut(combo);
  if (!sc) return;
  const allowInInput = sc.allowInInput ?? combo.startsWith('mod+');
  if (!allowInInput && isTextTarget(e.target)) return;
  e.preventDefault();
  sc.handler(e);
}

export function registerShortcut(shortcut: Shortcut): () => void {
  if (!installed && typeof window !== 'undefined') {
    window.addEventListener('keydown', onKeyDown);
    installed = true;
  }
  registry.push(shortcut);
  return () => {
    const i = registry.indexOf(shortcut);
    if (i >= 0) registry.splice(i, 1);
  };
}

/** For a help screen / tooltips: the registered shortcuts, rendered for this platform. */
export function listShortcuts(): Array<{ keys: string; description: string }> {
  // One line per combo: the active (most recent) registration describes it.
  const seen = new Set<string>();
  const out: Array<{ keys: string; description: string }> = [];
  for (let i = registry.length - 1; i >= 0; i--) {
    const combo = normalizeCombo(registry[i].combo);
    if (seen.has(combo)) continue;
    seen.add(combo);
    out.unshift({ keys: formatCombo(combo), description: registry[i].description });
  }
  return out;
}

export function formatCombo(combo: string): string {
  const mac = isMac();
  return normalizeCombo(combo)
    .split('+')
    .map((p) => (p === 'mod' ? (mac ? '⌘' : 'Ctrl') : p === 'shift' ? 'Shift' : p === 'alt' ? (mac ? '⌥' : 'Alt') : p.length === 1 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(mac ? '' : '+');
}
