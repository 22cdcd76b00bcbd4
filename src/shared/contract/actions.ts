import { z } from 'zod';
import { method } from './define';
import { idString, nameString, noInput } from './common';

/**
 * Assistant actions: what the chat model (function calling) or a slash command in the composer
 * may do. Each declares its role and whether it changes anything (actions/actionCatalog.ts);
 * read-only ones run at once, changing ones come back as a proposal the user confirms.
 */

export const actionName = z.enum(['search_manuals', 'open_page', 'list_documents', 'filter_to_machine', 'escalate_to_supervisor', 'add_service_note']);
export type ActionName = z.infer<typeof actionName>;

export const actionInfo = z.object({
  name: actionName,
  description: z.string(),
  role: z.enum(['technician', 'admin']),
  changes: z.boolean()
});

export const actionOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('done'), name: actionName, summary: z.string(), result: z.unknown() }),
  /** A changing action waits for the user: `summary` says exactly what confirming will do. */
  z.object({ status: z.literal('confirm'), name: actionName, proposalId: z.string(), summary: z.string() }),
  z.object({ status: z.literal('refused'), name: z.string(), reason: z.string() })
]);
export type ActionOutcome = z.infer<typeof actionOutcome>;

/**
 * A proposal, and for a card the chat model put on an answer, that answer: a card whose proposal
 * is gone (expired, or the app restarted) is then marked as no longer valid on the answer.
 */
const proposalRef = z.object({ proposalId: idString, sessionId: idString.optional(), messageId: idString.optional() }).strict();

export const actionsMethods = {
  list: method(noInput, z.array(actionInfo), 'The assistant actions, with their role and whether they change anything.'),
  propose: method(
    z
      .object({
        name: nameString.min(1),
        /** Checked against the action's own schema: anything else is refused, never guessed. */
        args: z.record(z.string().max(100), z.unknown()).default({}),
        /** The session the action is about (filter, escalate, note). */
        sessionId: idString.optional()
      })
      .strict(),
    actionOutcome,
    'Run a read-only action now, or get a proposal to confirm for a changing one; refusals say why.'
  ),
  confirm: method(proposalRef, actionOutcome, 'Carry out a proposed action (audited).'),
  cancel: method(proposalRef, z.object({ cancelled: z.boolean() }), 'Drop a proposal.')
};
