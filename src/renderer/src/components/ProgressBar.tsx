export interface ProgressBarProps {
  /** Accessible name, e.g. the file name. */
  label: string;
  done: number;
  /** null = unknown total → indeterminate bar. */
  total: number | null;
  /** Text shown above the bar on the left, e.g. "parse · page 3 of 12". */
  caption?: string;
}

/** A labelled progress bar exposing role=progressbar with value/max so tests and screen readers can read it. */
export function ProgressBar({ label, done, total, caption }: ProgressBarProps) {
  const known = total !== null && total > 0;
  const pct = known ? Math.max(0, Math.min(100, Math.round((done / total) * 100))) : 0;
  return (
    <div className={`progress${known ? '' : ' progress-indeterminate'}`}>
      {caption !== undefined && (
        <div className="progress-label">
          <span>{caption}</span>
          {known && <span>{pct}%</span>}
        </div>
      )}
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={caption}
      >
        <div className="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
      </div>
    </div>
  );
}
