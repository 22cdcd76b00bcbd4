import { useEffect, useId, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  hint?: string;
  value: number;
  min: number;
  max?: number;
  step?: number;
  /** Called on blur/Enter with a valid, changed number. */
  onCommit: (value: number) => void;
  disabled?: boolean;
}

/**
 * Number input that saves when the user is done (blur or Enter), not on every keystroke, and
 * says why a value is refused instead of silently clamping it.
 */
export function NumberField({ label, hint, value, min, max, step = 1, onCommit, disabled }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setText(String(value)), [value]);

  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return setError('Enter a number.');
    if (n < min || (max !== undefined && n > max)) return setError(max !== undefined ? `Use ${min}–${max}.` : `Use at least ${min}.`);
    if (step >= 1 && !Number.isInteger(n)) return setError('Use a whole number.');
    setError(null);
    if (n !== value) onCommit(n);
  };

  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span id={`${id}-hint`} className={error ? 'field-error' : 'field-hint'}>
        {error ?? hint}
      </span>
    </label>
  );
}
