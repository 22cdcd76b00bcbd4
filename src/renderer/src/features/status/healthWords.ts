import type { AppHealth } from '../../../../shared/contract/app';

/** Component names as a technician reads them (the core's ids are for scripts and tests). */
const NAMES: Record<string, string> = {
  index: 'Search index',
  search: 'Search',
  jobs: 'Background jobs',
  chatModel: 'Chat model',
  embeddingModel: 'Embedding model',
  library: 'Library',
  sessions: 'Chat sessions',
  reranker: 'Re-ranker',
  models: 'Models'
};

export const componentName = (id: string): string => NAMES[id] ?? (id ? id[0].toUpperCase() + id.slice(1) : 'Unknown');

const STATUS: Record<string, string> = { ok: 'Working', degraded: 'Needs attention', error: 'Not working', off: 'Off' };

/** One component's state in plain words ('ok' → 'Working'); unknown states keep their own word. */
export const statusWord = (status: string): string => STATUS[status] ?? status;

/** The page header's summary: all well, or which components need a look. */
export function overallWords(health: Pick<AppHealth, 'status' | 'components'>): string {
  if (health.status === 'ok') return 'Everything is working';
  const names = (s: string) => health.components.filter((c) => c.status === s).map((c) => componentName(c.name));
  const broken = names('error');
  const attention = names('degraded');
  return [broken.length ? `Not working: ${broken.join(', ')}` : '', attention.length ? `Needs attention: ${attention.join(', ')}` : ''].filter(Boolean).join(' · ') || statusWord(health.status);
}
