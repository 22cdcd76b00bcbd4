import { z } from 'zod';
import type { CallContext, Handlers } from '../../../shared/contract';
import type { ActionName } from '../../../shared/contract/actions';
import { idString } from '../../../shared/contract/common';
import { AppError } from '../platform/errors';

/**
 * The assistant's actions, declared once: what each may do, who may do it, whether it changes
 * anything, and the exact arguments it takes (strict zod: a model's extra or wrong arguments are
 * refused, never coerced). `run` goes through the same handlers the contract uses, with the
 * caller's context, so session ownership is checked exactly as for a direct call.
 */
export interface ActionDef<A = unknown> {
  description: string;
  role: 'technician' | 'admin';
  changes: boolean;
  args: z.ZodType<A>;
  /** For a changing action: what confirming will do, in words the user reads on the card. */
  describe(args: A): string;
  run(args: A, ctx: CallContext, h: Handlers): Promise<{ summary: string; result: unknown }>;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const define = <A>(d: ActionDef<A>): ActionDef<unknown> => d as ActionDef<unknown>;

async function lastAnswerId(h: Handlers, ctx: CallContext, sessionId: string): Promise<string> {
  const s = await h['sessions.get']({ id: sessionId }, ctx);
  const answer = [...s.messages].reverse().find((m) => m.role === 'assistant');
  if (!answer) throw new AppError('NOT_FOUND', 'This session has no answer to escalate yet.');
  return answer.id;
}

export const ACTIONS: Record<ActionName, ActionDef<unknown>> = {
  search_manuals: define({
    description: 'Search the imported manuals; returns the best pages.',
    role: 'technician',
    changes: false,
    args: z.object({ query: text(500), machine: text(200).optional() }).strict(),
    describe: (a) => `Search the manuals for “${a.query}”`,
    async run(a, ctx, h) {
      const r = await h['search.query']({ text: a.query, filters: a.machine ? { machineModels: [a.machine] } : {}, limit: 5 }, ctx);
      const pages = r.passages.map((p) => ({ docId: p.docId, docTitle: p.docTitle, page: p.page, pageLabel: p.pageLabel, sectionPath: p.sectionPath }));
      return { summary: `${pages.length} pages found for “${a.query}”.`, result: pages };
    }
  }),
  open_page: define({
    description: 'Open a page of a manual in the viewer.',
    role: 'technician',
    changes: false,
    args: z.object({ docId: idString, page: z.number().int().min(1).max(100_000) }).strict(),
    describe: (a) => `Open page ${a.page}`,
    async run(a, ctx, h) {
      const doc = await h['library.get']({ id: a.docId }, ctx);
      if (a.page > doc.pageCount) throw new AppError('INVALID_INPUT', `${doc.title} has ${doc.pageCount} pages.`);
      return { summary: `Opening ${doc.title}, page ${a.page}.`, result: { docId: a.docId, page: a.page, title: doc.title } };
    }
  }),
  list_documents: define({
    description: 'List the manuals in the library (optionally for one machine model).',
    role: 'technician',
    changes: false,
    args: z.object({ machine: text(200).optional() }).strict(),
    describe: () => 'List the manuals',
    async run(a, ctx, h) {
      const docs = await h['library.list'](a.machine ? { machineModel: a.machine } : {}, ctx);
      return { summary: `${docs.length} manuals.`, result: docs.map((d) => ({ id: d.id, title: d.title, machineModels: d.machineModels })) };
    }
  }),
  filter_to_machine: define({
    description: 'Limit this session’s answers to the manuals of one machine model.',
    role: 'technician',
    changes: true,
    args: z.object({ sessionId: idString, machine: text(200) }).strict(),
    describe: (a) => `Limit this session to manuals for “${a.machine}” (and set the machine field to it).`,
    async run(a, ctx, h) {
      const s = await h['sessions.get']({ id: a.sessionId }, ctx);
      await h['sessions.update']({ id: a.sessionId, patch: { scope: { ...s.scope, machineModels: [a.machine] }, machine: a.machine } }, ctx);
      return { summary: `This session now searches only manuals for ${a.machine}.`, result: { machine: a.machine } };
    }
  }),
  escalate_to_supervisor: define({
    description: 'Send the last answer of this session to a supervisor, with a note.',
    role: 'technician',
    changes: true,
    args: z.object({ sessionId: idString, note: z.string().max(4000).default(''), messageId: idString.optional() }).strict(),
    describe: (a) => `Escalate the last answer to a supervisor${a.note ? ` with the note “${a.note}”` : ''}.`,
    async run(a, ctx, h) {
      const messageId = a.messageId ?? (await lastAnswerId(h, ctx, a.sessionId));
      const e = await h['escalations.create']({ sessionId: a.sessionId, messageId, note: a.note }, ctx);
      return { summary: 'Escalated to a supervisor.', result: { escalationId: e.id, status: e.status } };
    }
  }),
  add_service_note: define({
    // The service history is the official record (audit log): only an admin writes into it.
    description: 'Add a note to the machine’s service history (admins).',
    role: 'admin',
    changes: true,
    args: z.object({ sessionId: idString, note: text(4000) }).strict(),
    describe: (a) => `Add to the service history: “${a.note}”.`,
    async run(a, ctx, h) {
      const s = await h['sessions.get']({ id: a.sessionId }, ctx);
      return { summary: 'Service note recorded.', result: { machine: s.machine, serialNumber: s.serialNumber, note: a.note } };
    }
  })
};
