import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useAppStores } from '../../lib/appContext';
import { selectTheme } from './settingsStore';
import { ThemePicker } from './ThemePicker';
import './appearance.css';

/**
 * Sidebar footer: the theme for everyone signed in, technicians too (the `ui` settings section is
 * open to every role; the rest of Settings lives on the admin-only Models page). A disclosure
 * button opens a small panel with the theme radios; Escape or a click elsewhere closes it and
 * focus returns to the button.
 */
export function AppearanceMenu() {
  const { settings } = useAppStores();
  const theme = useStore(settings, selectTheme);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // Land on the chosen option: arrow keys then move between the three.
    panel.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="appearance">
      <button
        ref={button}
        type="button"
        className="link-button sidebar-link"
        aria-expanded={open}
        aria-controls={panelId}
        title="Appearance: light, dark or follow the system"
        onClick={() => setOpen((v) => !v)}
      >
        <span className="nav-label">Appearance</span>
        <span className="rail-only" aria-hidden="true">
          ◐
        </span>
      </button>
      {open && (
        <div
          id={panelId}
          ref={panel}
          className="appearance-panel"
          role="group"
          aria-label="Appearance"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <ThemePicker value={theme} onChange={(t) => void settings.getState().update({ ui: { theme: t } })} />
        </div>
      )}
    </div>
  );
}
