import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type CliCommand, type CliContext } from '../../../src/main/cli/command';
import { deleteCommand, docCommand, docsCommand, importCommand, ocrCommand } from '../../../src/main/cli/commands/library';
import { scanPdf } from '../../fixtures/pdf/scanPdf';
import type { Core } from '../../../src/main/core/createCore';
import { makeManualPdf, NOT_A_PDF, writePdf } from '../../fixtures/pdf/makePdf';
import { sampleManualSpec } from '../../fixtures/pdf/sampleManual';
import { tempCore } from '../../helpers/tempCore';

async function run(core: Core, cmd: CliCommand, argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const args = parseArgs(argv);
  const ctx: CliContext = { core, args, json: args.flags.json === true, out: (t) => out.push(t), outJson: (v) => out.push(JSON.stringify(v)) };
  try {
    return { code: await cmd.run(ctx), out };
  } catch (e) {
    // What runCli does with it: one line on stderr, exit 2.
    if (e instanceof UsageError) return { code: 2, out: [e.message] };
    throw e;
  }
}

describe('CLI import/docs/doc/delete', () => {
  let core: Core;
  let cleanup: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    ({ core, cleanup, dir } = await tempCore());
  });
  afterAll(() => cleanup());

  it('prints one status line per file and sets metadata from flags', async () => {
    const good = await writePdf(join(dir, 'in'), 'x200.pdf', await makeManualPdf(sampleManualSpec()));
    const bad = await writePdf(join(dir, 'in'), 'bad.pdf', NOT_A_PDF);
    const r = await run(core, importCommand, [good, bad, '--models', 'X200,X250', '--tags', 'service', '--lang', 'en']);
    expect(r.code).toBe(1); // one file failed
    expect(r.out).toHaveLength(2);
    expect(r.out.find((l) => l.includes('x200.pdf'))).toMatch(/^imported\s+x200\.pdf\s+[0-9a-f]{16}\s+6 pages/);
    expect(r.out.find((l) => l.includes('bad.pdf'))).toMatch(/^failed\s+bad\.pdf\s+UNSUPPORTED_FILE/);

    const docs = await run(core, docsCommand, ['--json']);
    const list = JSON.parse(docs.out[0]) as Array<{ id: string; machineModels: string[]; tags: string[]; language: string }>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ machineModels: ['X200', 'X250'], tags: ['service'], language: 'en' });

    const doc = await run(core, docCommand, [list[0].id]);
    expect(doc.out.join('\n')).toMatch(/status\s+ready/);
    expect(doc.out.join('\n')).toMatch(/pages\s+6 \(labels i … 4\)/);

    const again = await run(core, importCommand, [good, '--json']);
    expect(JSON.parse(again.out[0]).files[0].result.outcome).toBe('duplicate');
    expect(again.code).toBe(0);

    expect((await run(core, deleteCommand, [list[0].id])).out).toEqual([`deleted ${list[0].id}`]);
    expect((await run(core, docsCommand, [])).out).toEqual(['(library is empty)']);
  });

  it('import --ocr off leaves a scan as needs_ocr; ocr <docId> recognises it', { timeout: 300_000 }, async () => {
    const scan = await writePdf(join(dir, 'in'), 'scan.pdf', await scanPdf(await makeManualPdf({ pages: [{ text: 'Pump P-7 service notes\n\nReplace the impeller seal every 2000 hours.' }] }), { dpi: 200 }));
    expect((await run(core, importCommand, [scan, '--ocr', 'sometimes'])).code).toBe(2);
    const imported = await run(core, importCommand, [scan, '--ocr', 'off', '--json']);
    const result = JSON.parse(imported.out[0]).files[0].result as { outcome: string; docId: string };
    expect(result.outcome).toBe('needs_ocr');
    expect((await run(core, ocrCommand, [])).code).toBe(2);
    const ocr = await run(core, ocrCommand, [result.docId]);
    expect(ocr.code).toBe(0);
    expect(ocr.out[0]).toMatch(/^imported\s+\S+\s+[0-9a-f]{16}\s+OCR: 1 page, mean confidence/);
    const doc = (await run(core, docCommand, [result.docId])).out.join('\n');
    expect(doc).toMatch(/status\s+ready/);
    expect(doc).toMatch(/ocr pages\s+1: 1/);
  });
});
