import { useId } from 'react';
import type { ThemeSetting } from '../../lib/theme';

const OPTIONS: Array<{ value: ThemeSetting; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' }
];

/** Native radio inputs styled as a segmented control (arrow keys move between options). */
export function ThemePicker({ value, onChange }: { value: ThemeSetting; onChange: (t: ThemeSetting) => void }) {
  const id = useId();
  return (
    <div className="field">
      <span id={id} className="field-label">
        Theme
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby={id}>
        {OPTIONS.map((o) => (
          <label key={o.value} className={value === o.value ? 'segmented-option is-selected' : 'segmented-option'}>
            <input type="radio" name={`theme-${id}`} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </div>
  );
}
