import { describe, expect, it } from 'vitest';
import { comboFromEvent, findShortcut, normalizeCombo, registerShortcut } from '../../../../src/renderer/src/lib/shortcuts';

const ev = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods
});

describe('shortcuts registry', () => {
  it('maps Ctrl on PC and Cmd on Mac to "mod"', () => {
    expect(comboFromEvent(ev('n', { ctrlKey: true }), false)).toBe('mod+n');
    expect(comboFromEvent(ev('n', { metaKey: true }), true)).toBe('mod+n');
    expect(comboFromEvent(ev('n', { ctrlKey: true }), true)).toBe('n');
    expect(comboFromEvent(ev('K', { ctrlKey: true, shiftKey: true }), false)).toBe('mod+shift+k');
  });
  it('normalizes modifier order and case', () => {
    expect(normalizeCombo('Shift+Mod+K')).toBe('mod+shift+k');
  });
  it('latest registration wins and unregister restores the previous one', () => {
    const calls: string[] = [];
    const offA = registerShortcut({ combo: 'mod+l', description: 'a', handler: () => calls.push('a') });
    const offB = registerShortcut({ combo: 'Mod+L', description: 'b', handler: () => calls.push('b') });
    findShortcut('mod+l')?.handler({} as KeyboardEvent);
    offB();
    findShortcut('mod+l')?.handler({} as KeyboardEvent);
    offA();
    expect(findShortcut('mod+l')).toBeUndefined();
    expect(calls).toEqual(['b', 'a']);
  });
});

describe('listShortcuts', () => {
  it('lists each combo once, described by its active registration', async () => {
    const { listShortcuts } = await import('../../../../src/renderer/src/lib/shortcuts');
    const offs = [
      registerShortcut({ combo: 'mod+k', description: 'global', handler: () => {} }),
      registerShortcut({ combo: 'mod+j', description: 'other', handler: () => {} }),
      registerShortcut({ combo: 'Mod+K', description: 'page', handler: () => {} })
    ];
    const mine = listShortcuts().filter((s) => /^(global|other|page)$/.test(s.description));
    expect(mine.map((s) => s.description)).toEqual(['other', 'page']);
    offs.forEach((off) => off());
  });
});
