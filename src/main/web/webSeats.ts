import type { IncomingMessage } from 'node:http';
import type { Core } from '../core/createCore';
import { eventVisible } from '../core/access/ownership';
import type { Seat } from '../core/access/accessService';

/** One sign-in seat per socket (roles): opened on connect, released on close; filters session events. */
export interface WebSeats {
  open(req: IncomingMessage | undefined): Seat;
  close(seat: Seat): void;
  sees(seat: Seat, event: string, payload: unknown): boolean;
}

/**
 * Each socket of the web host (one tablet, one browser tab) is its own seat: it signs in as a
 * profile with access.signIn, and the per-run token only lets it connect at all. The device for
 * the per-device ask limit is the remote address (a tablet keeps its address while it reconnects;
 * several tabs of one browser share one budget).
 */
export function webSeats(core: Pick<Core, 'access' | 'sessions'>): WebSeats {
  return {
    open: (req: IncomingMessage | undefined) => core.access.newSeat('web', req?.socket.remoteAddress ?? 'unknown'),
    close: (seat) => core.access.releaseSeat(seat),
    sees: (seat, event, payload) => eventVisible(core.access.context(seat), event, payload, (id) => core.sessions.ownerOf(id))
  };
}
