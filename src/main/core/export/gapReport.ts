import type { GapGroup } from '../../../shared/contract/export';
import type { SessionState } from '../sessions/journal';
import { isRefusal } from '../sessions/sessionSummary';

/**
 * The admin's "documentation gaps" report: questions whose answer was "not in the manuals",
 * was rated not helpful, or was escalated. Near-identical wordings are grouped by a key of their
 * sorted content words ("What does E-204 mean?" and "e-204 meaning" land together), per reason.
 */

const STOP = new Set(
  'a an the and or of to in on at for with is are was were be do does did what which how why when where who can could should i my me it this that there please mean means meaning'.split(' ')
);

export function questionKey(q: string): string {
  const words = q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w && !STOP.has(w));
  return [...new Set(words)].sort().join(' ');
}

export function gapGroups(states: SessionState[], sinceMs = 0): GapGroup[] {
  const groups = new Map<string, GapGroup>();
  for (const s of states) {
    const byId = new Map(s.messages.map((m) => [m.id, m]));
    for (const a of s.messages) {
      if (a.role !== 'assistant' || Date.parse(a.createdAt) < sinceMs) continue;
      const reason: GapGroup['reason'] | undefined =
        isRefusal(a)
          ? 'not_found'
          : a.feedback?.rating === 'not_helpful'
            ? 'not_helpful'
            : a.feedback?.rating === 'escalate'
              ? 'escalate'
              : undefined;
      if (!reason) continue;
      const question = (a.replyTo ? byId.get(a.replyTo)?.text : undefined) ?? a.query ?? '';
      if (!question) continue;
      const key = questionKey(question) || question.toLowerCase();
      const id = `${reason}\u0000${key}`;
      let g = groups.get(id);
      if (!g) {
        g = { key, question, reason, count: 0, lastAskedAt: a.createdAt, sessionIds: [], comments: [], machineModels: [] };
        groups.set(id, g);
      }
      g.count++;
      if (a.createdAt > g.lastAskedAt) {
        g.lastAskedAt = a.createdAt;
        g.question = question; // the latest wording represents the group
      }
      if (!g.sessionIds.includes(s.header.id)) g.sessionIds.push(s.header.id);
      if (a.feedback?.comment) g.comments.push(a.feedback.comment);
      for (const m of [...s.header.scope.machineModels, ...(s.header.machine ? [s.header.machine] : [])]) {
        if (!g.machineModels.includes(m)) g.machineModels.push(m);
      }
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function gapCsv(groups: GapGroup[]): string {
  const header = ['reason', 'count', 'question', 'last_asked_at', 'machine_models', 'session_ids', 'comments'];
  const rows = groups.map((g) =>
    [g.reason, g.count, g.question, g.lastAskedAt, g.machineModels.join('; '), g.sessionIds.join('; '), g.comments.join(' | ')].map(csvCell).join(',')
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
