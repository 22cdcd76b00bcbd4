/**
 * Who is training, in the renderer: a local name chosen on first start and remembered on this
 * machine. This is the one place to swap for the signed-in profile once roles/profiles exist.
 */
const KEY = 'benchmate.training.technician';

export interface NameStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadTechnicianName(storage: NameStorage | undefined): string {
  return storage?.getItem(KEY) ?? '';
}

export function saveTechnicianName(storage: NameStorage | undefined, name: string): void {
  storage?.setItem(KEY, name.trim());
}
