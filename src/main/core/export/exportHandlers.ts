import type { CallContext, Handlers } from '../../../shared/contract';
import { assertCanSeeSession } from '../access/ownership';
import type { ExportService } from './exportService';

export function exportHandlers(
  exporter: ExportService,
  ownerOf: (sessionId: string) => string | undefined
): Pick<Handlers, 'export.run' | 'export.render' | 'export.gaps'> {
  const mine = (ctx: CallContext, ids: string[]): void => ids.forEach((id) => assertCanSeeSession(ctx, ownerOf(id), id));
  return {
    'export.run': (input, ctx) => (mine(ctx, input.sessionIds), exporter.run(input)),
    'export.render': async ({ sessionIds, format }, ctx) => {
      mine(ctx, sessionIds);
      const r = await exporter.render(sessionIds, format);
      return { fileName: r.fileName, mimeType: r.mimeType, base64: r.bytes.toString('base64'), contentSha256: r.doc.contentSha256 };
    },
    'export.gaps': (input) => exporter.gaps(input?.sinceDays)
  };
}
