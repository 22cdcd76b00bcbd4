/**
 * A few inline SVG icons (stroke = currentColor) so the UI does not depend on an emoji font,
 * which many Linux machines lack.
 */
const PATHS = {
  chat: 'M4 5h16v10H9l-5 4z',
  library: 'M5 4h4v16H5zM10 4h4v16h-4zM15.5 5l3.5 1-3.5 14-3.5-1z',
  sessions: 'M12 7v5l3 2M3.5 12a8.5 8.5 0 1 0 2.5-6M3 4v4h4',
  models: 'M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4',
  status: 'M3 12h4l3-7 4 14 3-7h4',
  upload: 'M12 16V4M7 9l5-5 5 5M4 16v4h16v-4',
  folder: 'M3 6h6l2 2h10v11H3z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5 21 21',
  tools: 'M14 6a4 4 0 0 1-5 5L4 16l4 4 5-5a4 4 0 0 1 5-5l-3-1zM14 6l4 4',
  lock: 'M6 11h12v10H6zM9 11V8a3 3 0 0 1 6 0v3',
  warning: 'M12 3 2 20h20zM12 10v5M12 17.5v.5',
  check: 'M4 12l5 5L20 6',
  chip: 'M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4',
  download: 'M12 4v12M7 11l5 5 5-5M4 20h16',
  training: 'M2 9l10-5 10 5-10 5zM6 11v5c3 2.5 9 2.5 12 0v-5M22 9v6'
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 18, label }: { name: IconName; size?: number; label?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
