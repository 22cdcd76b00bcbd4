import type { Handlers } from '../../../shared/contract';
import type { ExportService } from './exportService';

export function exportHandlers(exporter: ExportService): Pick<Handlers, 'export.run' | 'export.render' | 'export.gaps'> {
  return {
    'export.run': (input) => exporter.run(input),
    'export.render': async ({ sessionIds, format }) => {
      const r = await exporter.render(sessionIds, format);
      return { fileName: r.fileName, mimeType: r.mimeType, base64: r.bytes.toString('base64'), contentSha256: r.doc.contentSha256 };
    },
    'export.gaps': (input) => exporter.gaps(input?.sinceDays)
  };
}
