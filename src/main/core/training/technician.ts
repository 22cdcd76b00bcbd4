import type { TechnicianRef } from '../../../shared/contract/training';
import { AppError } from '../platform/errors';

/**
 * The one place that knows who a technician is. Today that is a local name typed on first start
 * (no accounts); the id is the name folded to a stable key, so "Ana Silva" and "ana  silva" are
 * the same person. When user profiles exist, this resolver is swapped for a profile lookup and
 * the stored `{ id, name }` pairs keep working.
 */
export function resolveTechnician(name: string): TechnicianRef {
  const display = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!display) throw new AppError('INVALID_INPUT', 'A technician name is required.');
  return { id: `local:${display.toLocaleLowerCase()}`, name: display };
}

/** Does a filter value ("ana silva", or an id) name this technician? */
export function matchesTechnician(ref: TechnicianRef, filter: string | undefined): boolean {
  if (!filter) return true;
  return ref.id === filter || ref.id === resolveTechnician(filter).id;
}
