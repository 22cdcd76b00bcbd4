import { join } from 'node:path';
import type { Core } from '../../../src/main/core/createCore';
import type { DocumentSummary, ImportOutcome } from '../../../src/shared/contract/library';
import { makeManualPdf, writePdf, type ManualPdfSpec } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';

/** A second small manual (another machine) so selections and filters have something to tell apart. */
export const pumpManualSpec = (revisionNote = 'Revision A'): ManualPdfSpec => ({
  title: 'P10 Pump Manual',
  pages: [
    { text: `P10 Pump Manual\n\n${revisionNote}. Hydraulic pump for the X200 press.` },
    { text: 'Priming\n\nOpen the bleed screw and run the pump until oil without air bubbles flows. Fault P-17 means low inlet pressure.' },
    { text: 'Seals\n\nReplace the shaft seal kit SK-40 every 2000 operating hours. Torque the cover bolts to 12 Nm.' }
  ]
});

export async function importPdf(core: Core, dir: string, name: string, spec: ManualPdfSpec, metadata: { machineModels?: string[]; tags?: string[] } = {}): Promise<ImportOutcome> {
  const path = await writePdf(join(dir, 'in'), name, await makeManualPdf(spec));
  const started = await core.library.import([path], metadata);
  const job = await core.jobs.wait(started.jobIds[0]);
  if (job.status !== 'succeeded') throw new Error(`import failed: ${JSON.stringify(job.error)}`);
  await core.library.optimizeSettled();
  return job.result as ImportOutcome;
}

export async function importSamples(core: Core, dir: string): Promise<void> {
  await importPdf(core, dir, 'x200.pdf', sampleManualSpec(), { machineModels: ['X200'], tags: ['service'] });
  await importPdf(core, dir, 'p10.pdf', pumpManualSpec(), { machineModels: ['P10'], tags: ['parts'] });
}

/** Documents without machine-local or time-of-import fields, sorted by id. */
export async function docsOf(core: Core, keepTimes = true): Promise<Array<Partial<DocumentSummary>>> {
  const docs = await core.library.list();
  return docs
    .map((d) => (keepTimes ? d : { ...d, importedAt: undefined, updatedAt: undefined }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

/** Search results as JSON without timings (they differ from run to run by nature). */
export async function searchJson(core: Core, queries: string[]): Promise<string> {
  const out = [];
  for (const text of queries) {
    const r = await core.search.query({ text, limit: 5 });
    out.push({ text, passages: r.passages, evidence: r.evidence, lanes: r.lanes });
  }
  return JSON.stringify(out);
}

export const QUERIES = ['fault E-204', 'electrical hazards mains supply', 'pump priming air bubbles', 'shaft seal kit SK-40 torque'];
