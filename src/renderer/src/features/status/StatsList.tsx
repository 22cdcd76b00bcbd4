import type { Stats } from './statusStore';

/** Labels for the stats the core reports today; unknown keys are humanized generically. */
const LABELS: Record<string, string> = {
  byStatus: 'By status',
  libraryBytes: 'Stored PDFs',
  indexBytes: 'Search index size',
  avgTtftMs: 'Avg. time to first token',
  avgTokensPerSecond: 'Avg. tokens per second',
  refusedShare: '"Not in the manuals"',
  searchOnlyShare: 'Search-only answers',
  notHelpful: 'not helpful',
  needs_ocr: 'needs OCR',
  needs_password: 'password needed'
};

/** "documentCount" → "Document count". */
export function humanizeKey(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function formatValue(key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (/bytes$/i.test(key)) return formatBytes(v);
    if (/ms$/i.test(key)) return `${Math.round(v)} ms`;
    if (/share$/i.test(key)) return `${Math.round(v * 100)}%`;
    return Number.isInteger(v) ? v.toLocaleString() : v.toFixed(2);
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${LABELS[k] ?? k}: ${formatValue(k, x)}`)
      .join(' · ');
  }
  return String(v);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function StatsList({ stats, label }: { stats: Stats; label: string }) {
  const entries = Object.entries(stats);
  if (entries.length === 0) return <p className="muted">No data yet.</p>;
  return (
    <dl className="kv" aria-label={label} data-testid={label}>
      {entries.map(([k, v]) => (
        <div key={k} className="kv-row">
          <dt>{humanizeKey(k)}</dt>
          <dd data-testid={`stat-${k}`}>{formatValue(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}
