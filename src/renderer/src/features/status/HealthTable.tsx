import type { ComponentHealth } from '../../../../shared/contract/app';
import { Badge, type BadgeTone } from '../../components/Badge';
import { componentName, statusWord } from './healthWords';

export const healthTone = (s: string): BadgeTone => (s === 'ok' ? 'ok' : s === 'degraded' ? 'warn' : s === 'error' ? 'error' : 'neutral');


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
            <td>{componentName(c.name)}</td>
            <td>
              <Badge tone={healthTone(c.status)}>{statusWord(c.status)}</Badge>
            </td>
            <td className="cell-wrap">{c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
