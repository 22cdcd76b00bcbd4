import type { CallContext } from '../../src/shared/contract';
import type { AccessGate } from '../../src/main/core/access/accessGate';

/** The context the local admin (CLI, in-process api) calls with: for tests that call handlers directly. */
export const localAdminCtx: CallContext = {
  seatId: 'test',
  transport: 'local',
  profile: { id: 'local', name: 'Local admin (CLI)', role: 'admin' },
  admin: true
};

/** A gate that lets every call through as the local admin (for dispatcher tests about other things). */
export const allowAllGate: AccessGate = {
  authorize: () => ({ ok: true, ctx: localAdminCtx }),
  completed: async () => undefined
};
