import { z } from 'zod';
import { method } from './define';
import { idString, isoDate } from './common';
import { chatSource } from './sessions';

/**
 * Escalations: an answer a technician sent up to a supervisor ("Escalate" on an answer), with
 * what was asked and answered, on which machine, and the supervisor's resolution. The technician
 * sees the status and resolution in the session; admins see every escalation.
 */

export const escalationStatus = z.enum(['open', 'acknowledged', 'resolved']);
export type EscalationStatus = z.infer<typeof escalationStatus>;

export const escalation = z.object({
  id: z.string(),
  sessionId: z.string(),
  messageId: z.string(),
  question: z.string(),
  answer: z.string(),
  sources: z.array(chatSource),
  technician: z.object({ profileId: z.string(), name: z.string() }),
  machine: z.string(),
  serialNumber: z.string(),
  note: z.string(),
  status: escalationStatus,
  resolution: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Who acknowledged / resolved it (empty until then). */
  handledBy: z.string()
});
export type Escalation = z.infer<typeof escalation>;

export const escalationCounts = z.object({ open: z.number().int(), acknowledged: z.number().int(), resolved: z.number().int() });
export type EscalationCounts = z.infer<typeof escalationCounts>;

export const escalationsMethods = {
  create: method(
    z.object({ sessionId: idString, messageId: idString, note: z.string().max(4000).default('') }).strict(),
    escalation,
    'Escalate an answer of one of your sessions to a supervisor.'
  ),
  list: method(
    z.object({ status: escalationStatus.optional(), sessionId: idString.optional() }).strict().optional(),
    z.array(escalation),
    'Escalations, newest first: all of them for an admin, your own for a technician.'
  ),
  counts: method(z.undefined().or(z.object({}).strict()).optional(), escalationCounts, 'How many escalations are open / acknowledged / resolved (that you can see).'),
  acknowledge: method(z.object({ id: idString }).strict(), escalation, 'Mark an escalation as being looked at (admin).'),
  resolve: method(
    z.object({ id: idString, resolution: z.string().trim().min(1).max(8000) }).strict(),
    escalation,
    'Resolve an escalation with the answer the technician will see (admin).'
  )
};

export const escalationsEvents = {
  'escalations.changed': z.object({ id: z.string(), sessionId: z.string(), status: escalationStatus })
};
