import type { ComponentHealth } from '../../../../shared/contract/app';
import { Badge, type BadgeTone } from '../../components/Badge';

export const healthTone = (s: string): BadgeTone => (s === 'ok' ? 'ok' : s === 'degraded' ? 'warn' : s === 'error' ? 'error' : 'neutral');

const NAMES: Record<string, string> = {
  index: 'Search index',
  jobs: 'Background jobs',
  chatModel: 'Chat model',
  embeddingModel: 'Embedding model',
  library: 'Library',
  sessions: 'Chat sessions',
  reranker: 'Re-ranker',
  models: 'Models'
};

export function HealthTable({ components }: { components: ComponentHealth[] }) {
  if (components.length === 0) return <p className="muted">No components reported.</p>;
  return (
    <table className="table" aria-label="Component health">
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col">Status</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {components.map((c) => (
          <tr key={c.name} data-testid={`health-${c.name}`}>
            <td>{NAMES[c.name] ?? c.name}</td>
            <td>
              <Badge tone={healthTone(c.status)}>{c.status}</Badge>
            </td>
            <td className="cell-wrap">{c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
