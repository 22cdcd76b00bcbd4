import { randomUUID } from 'node:crypto';
import type { CallContext, Handlers } from '../../../shared/contract';
import { actionName, type ActionName, type ActionOutcome } from '../../../shared/contract/actions';
import { toErrorData } from '../platform/errors';
import { ACTIONS, type ActionDef } from './actionCatalog';

interface Proposal {
  name: ActionName;
  args: unknown;
  profileId: string;
  expiresAt: number;
  /** The answer whose card this is, when a chat model proposed it. */
  origin?: ProposalOrigin;
}

export interface ProposalOrigin {
  sessionId: string;
  messageId: string;
}

const PROPOSAL_MS = 15 * 60_000;
const MAX_PROPOSALS = 200;

/**
 * Proposes, confirms and runs assistant actions for one caller. The checks, in order: the action
 * exists; the caller's role allows it (admin-only actions are refused for technicians with the
 * reason); the arguments match its schema exactly. Read-only actions then run at once; changing
 * ones are held as a proposal that only the same profile can confirm, once, within 15 minutes.
 * Every confirmed action is audited (`tool:<name>`) with its result.
 */
export class ActionService {
  private readonly proposals = new Map<string, Proposal>();

  constructor(
    private readonly deps: {
      handlers: () => Handlers;
      audit: (ctx: CallContext, action: string, target: unknown, result: string) => Promise<void>;
      /** A model-proposed card was confirmed, declined or could not run: the answer keeps it. */
      settled?: (ctx: CallContext, origin: ProposalOrigin, proposalId: string, status: 'confirmed' | 'declined' | 'refused', text: string) => Promise<void>;
      now?: () => number;
    }
  ) {}

  list(): Array<{ name: ActionName; description: string; role: 'technician' | 'admin'; changes: boolean }> {
    return actionName.options.map((name) => ({ name, description: ACTIONS[name].description, role: ACTIONS[name].role, changes: ACTIONS[name].changes }));
  }

  async propose(ctx: CallContext, name: string, rawArgs: Record<string, unknown>, sessionId?: string, origin?: ProposalOrigin): Promise<ActionOutcome> {
    const known = actionName.safeParse(name);
    if (!known.success) return { status: 'refused', name, reason: `There is no action “${name.slice(0, 60)}”.` };
    const def = ACTIONS[known.data];
    if (def.role === 'admin' && !ctx.admin) {
      return { status: 'refused', name, reason: `Only an admin can ${def.description.charAt(0).toLowerCase()}${def.description.slice(1)}` };
    }
    // The session the user is in fills the session argument when the model or command left it out.
    const withSession = sessionId && 'sessionId' in shapeOf(def) && rawArgs.sessionId === undefined ? { ...rawArgs, sessionId } : rawArgs;
    const parsed = def.args.safeParse(withSession);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`);
      return { status: 'refused', name, reason: `The arguments do not fit ${name}: ${issues.join('; ')}.` };
    }
    if (!def.changes) return this.run(ctx, known.data, def, parsed.data, false);
    this.prune();
    const proposalId = randomUUID();
    this.proposals.set(proposalId, { name: known.data, args: parsed.data, profileId: ctx.profile?.id ?? '', expiresAt: this.now() + PROPOSAL_MS, ...(origin ? { origin } : {}) });
    return { status: 'confirm', name: known.data, proposalId, summary: def.describe(parsed.data) };
  }

  /** `where`: the answer the caller's card is on, so a card whose proposal is gone gets marked so. */
  async confirm(ctx: CallContext, proposalId: string, where?: ProposalOrigin): Promise<ActionOutcome> {
    const p = this.proposals.get(proposalId);
    if (!p || p.expiresAt < this.now() || p.profileId !== (ctx.profile?.id ?? '')) {
      const reason = 'This proposal is no longer valid; ask again.';
      if (where && (!p || p.expiresAt < this.now())) await this.deps.settled?.(ctx, where, proposalId, 'refused', reason);
      return { status: 'refused', name: p?.name ?? 'unknown', reason };
    }
    this.proposals.delete(proposalId);
    const def = ACTIONS[p.name];
    // Roles can change between proposal and confirmation (admin lock closed meanwhile).
    const o: ActionOutcome =
      def.role === 'admin' && !ctx.admin ? { status: 'refused', name: p.name, reason: 'Only an admin can confirm this action.' } : await this.run(ctx, p.name, def, p.args, true);
    if (p.origin) await this.deps.settled?.(ctx, p.origin, proposalId, o.status === 'done' ? 'confirmed' : 'refused', o.status === 'done' ? o.summary : o.status === 'refused' ? o.reason : '');
    return o;
  }

  /** Drops a proposal of this caller's (another profile's proposal is left alone). */
  async cancel(ctx: CallContext, proposalId: string, where?: ProposalOrigin): Promise<boolean> {
    const p = this.proposals.get(proposalId);
    if (!p) {
      // Gone already (expired, or the app restarted): the card on the answer is declined all the same.
      if (where) await this.deps.settled?.(ctx, where, proposalId, 'declined', '');
      return false;
    }
    if (p.profileId !== (ctx.profile?.id ?? '')) return false;
    this.proposals.delete(proposalId);
    if (p.origin) await this.deps.settled?.(ctx, p.origin, proposalId, 'declined', '');
    return true;
  }

  private async run(ctx: CallContext, name: ActionName, def: ActionDef, args: unknown, confirmed: boolean): Promise<ActionOutcome> {
    try {
      const r = await def.run(args, ctx, this.deps.handlers());
      if (confirmed) await this.deps.audit(ctx, `tool:${name}`, args, 'ok');
      return { status: 'done', name, summary: r.summary, result: r.result };
    } catch (e) {
      const err = toErrorData(e);
      if (confirmed) await this.deps.audit(ctx, `tool:${name}`, args, err.code);
      return { status: 'refused', name, reason: err.code === 'INTERNAL' ? 'The action failed.' : err.message };
    }
  }

  private prune(): void {
    const now = this.now();
    for (const [id, p] of this.proposals) if (p.expiresAt < now) this.proposals.delete(id);
    while (this.proposals.size >= MAX_PROPOSALS) this.proposals.delete(this.proposals.keys().next().value!);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function shapeOf(def: ActionDef): Record<string, unknown> {
  return (def.args as unknown as { shape?: Record<string, unknown> }).shape ?? {};
}
