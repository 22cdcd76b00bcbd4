import type { ActionName } from '../../../../shared/contract/actions';

/** A document the `/open` command can name (by id or by words of its title). */
export interface NamedDoc {
  id: string;
  title: string;
}

export type SlashParse = { name: ActionName; args: Record<string, unknown> } | { error: string };

export const SLASH_HELP = '/open <manual> <page> · /filter <machine> · /escalate <note> · /note <text>';

/**
 * The composer's slash commands: the assistant actions without a chat model. Returns null for
 * text that is not a command (it is asked as a question). Arguments are checked again by the core.
 */
export function parseSlash(text: string, docs: NamedDoc[]): SlashParse | null {
  const m = /^\/(\w+)\s*([\s\S]*)$/.exec(text.trim());
  if (!m) return null;
  const [, cmd, rest] = m;
  const arg = rest.trim();
  switch (cmd.toLowerCase()) {
    case 'open': {
      const pm = /^(.*?)\s+(?:p\.?\s*)?(\d+)$/i.exec(arg);
      if (!pm) return { error: 'Usage: /open <manual> <page>, e.g. /open X200 12' };
      const want = pm[1].trim().toLowerCase();
      const doc = docs.find((d) => d.id === pm[1].trim()) ?? docs.find((d) => d.title.toLowerCase().includes(want));
      if (!doc) return { error: `No manual matches “${pm[1].trim()}”.` };
      return { name: 'open_page', args: { docId: doc.id, page: Number(pm[2]) } };
    }
    case 'filter':
      return arg ? { name: 'filter_to_machine', args: { machine: arg } } : { error: 'Usage: /filter <machine model>' };
    case 'escalate':
      return { name: 'escalate_to_supervisor', args: { note: arg } };
    case 'note':
      return arg ? { name: 'add_service_note', args: { note: arg } } : { error: 'Usage: /note <text>' };
    default:
      return { error: `Unknown command /${cmd}. ${SLASH_HELP}` };
  }
}
