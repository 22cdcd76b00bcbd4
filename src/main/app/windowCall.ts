/**
 * How a call from the app window reaches the core: native dialogs in place of the core's headless
 * `host.*` stubs, every path the window names checked against the grants the dialogs issued
 * (pathGrants.ts), then the usual zod-validated dispatch. Electron-free, so tests drive it with
 * a fake dialog and a real core.
 */
import type { Handlers, MethodName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Core } from '../core/createCore';
import { dispatch } from '../core/dispatch';
import { gateFor } from '../core/access/accessGate';
import { PathGrants, withPathGrants } from '../core/platform/pathGrants';
import { dialogHandlers, type DialogLike } from './dialogs';

export function createWindowCall(
  core: Pick<Core, 'handlers' | 'logger' | 'access' | 'audit'>,
  dialog: DialogLike,
  write?: (path: string, data: Buffer) => Promise<void>,
  /** More native handlers (e.g. host.openDocument, openDocument.ts). */
  native: Partial<Handlers> = {}
): { call: (name: MethodName, input: unknown) => Promise<Result<unknown>>; grants: PathGrants } {
  const grants = new PathGrants();
  const handlers = { ...core.handlers, ...dialogHandlers(dialog, write, grants), ...native } satisfies Handlers;
  // The window is one seat: whoever signed in at it (a shared workshop laptop) until they sign out.
  const gate = gateFor(core.access, core.audit, core.access.newSeat('desktop'));
  return { call: withPathGrants(grants, (name: MethodName, input: unknown) => dispatch(handlers, name, input, core.logger, gate)), grants };
}
