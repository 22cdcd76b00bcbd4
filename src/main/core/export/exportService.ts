import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ExportFormat, GapGroup } from '../../../shared/contract/export';
import type { ErrorCode } from '../../../shared/result';
import { AppError } from '../platform/errors';
import { writeFileAtomic } from '../platform/atomicFile';
import type { SessionState } from '../sessions/journal';
import { gapCsv, gapGroups } from './gapReport';
import { buildExportDocument, type ExportDocument, type ExportedEscalation } from './reportModel';
import { renderHtml, renderMarkdown } from './renderText';

export const MIME: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf'
};

export interface ExportServiceDeps {
  /** Loads sessions by id (NOT_FOUND for an unknown id). */
  getSession(id: string): Promise<SessionState>;
  /** Escalations of these sessions (exported with them); none when omitted. */
  escalations?(sessionIds: string[]): Array<ExportedEscalation & { sessionId: string }>;
  allSessions(): Promise<SessionState[]>;
  /** Default target folder (<userData>/exports). */
  defaultDir: string;
  /**
   * Whether callers may choose their own target folder. True for the desktop app and CLI (the
   * user picked it in a dialog / on the command line); false for the web host, where the caller
   * is a browser and must never choose a folder on the server — it downloads via `render`.
   */
  allowCustomBaseDir: boolean;
  appVersion: string;
}

/** Renders session reports in core (no Electron): files are written atomically, inside a base folder only. */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  async render(sessionIds: string[], format: ExportFormat): Promise<{ bytes: Buffer; doc: ExportDocument; fileName: string; mimeType: string }> {
    const states: SessionState[] = [];
    for (const id of [...new Set(sessionIds)]) states.push(await this.deps.getSession(id));
    const escalations = this.deps.escalations?.(states.map((s) => s.header.id)) ?? [];
    const doc = buildExportDocument(states, this.deps.appVersion, new Date(), (id) =>
      escalations
        .filter((e) => e.sessionId === id)
        .map(({ id: eid, messageId, status, note, resolution, handledBy, createdAt, updatedAt }) => ({ id: eid, messageId, status, note, resolution, handledBy, createdAt, updatedAt }))
    );
    const bytes =
      format === 'pdf'
        ? // pdfkit is loaded only for a PDF export: importing it costs ~0.4 s at every start otherwise.
          await (await import('./renderPdf')).renderPdf(doc)
        : Buffer.from(format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : format === 'md' ? renderMarkdown(doc) : renderHtml(doc), 'utf8');
    return { bytes, doc, fileName: defaultFileName(doc, format), mimeType: MIME[format] };
  }

  async run(input: { sessionIds: string[]; format: ExportFormat; outPath: string; baseDir?: string }): Promise<{ path: string; bytes: number; contentSha256: string }> {
    const target = await this.resolveTarget(input.outPath, input.baseDir);
    const r = await this.render(input.sessionIds, input.format);
    await writeFileAtomic(target, r.bytes).catch((e: unknown) => {
      throw cantWrite(dirname(target), e);
    });
    return { path: target, bytes: r.bytes.length, contentSha256: r.doc.contentSha256 };
  }

  async gaps(sinceDays?: number): Promise<{ groups: GapGroup[]; csv: string }> {
    const since = sinceDays ? Date.now() - sinceDays * 86_400_000 : 0;
    const groups = gapGroups(await this.deps.allSessions(), since);
    return { groups, csv: gapCsv(groups) };
  }

  /**
   * The output path must resolve inside the base folder — lexically (no "..", no absolute path
   * elsewhere) and physically (no symlinked folder or file leading out of it).
   */
  async resolveTarget(outPath: string, baseDir?: string): Promise<string> {
    if (outPath.includes('\0') || (baseDir ?? '').includes('\0')) throw new AppError('INVALID_INPUT', 'Bad path.');
    let base: string;
    if (baseDir !== undefined) {
      if (!isAbsolute(baseDir)) throw new AppError('INVALID_INPUT', 'The target folder must be an absolute path.');
      base = resolve(baseDir);
      if (!this.deps.allowCustomBaseDir && !isInside(resolve(this.deps.defaultDir), base, true)) {
        throw new AppError('FORBIDDEN', 'This host can only export into its exports folder; download the report instead.');
      }
    } else {
      base = resolve(this.deps.defaultDir);
      await fs.mkdir(base, { recursive: true }).catch((e: unknown) => {
        throw cantWrite(base, e);
      });
    }
    const target = resolve(base, outPath);
    if (!isInside(base, target)) throw new AppError('FORBIDDEN', 'The export path is outside the chosen folder.');
    let realBase: string;
    try {
      realBase = await fs.realpath(base);
    } catch {
      throw new AppError('NOT_FOUND', `The target folder ${base} does not exist.`);
    }
    // Create missing sub-folders, then re-check the real location (a symlinked sub-folder could point out).
    await fs.mkdir(dirname(target), { recursive: true }).catch((e: unknown) => {
      throw cantWrite(dirname(target), e);
    });
    const realParent = await fs.realpath(dirname(target));
    if (!isInside(realBase, realParent, true)) throw new AppError('FORBIDDEN', 'The export path leads outside the chosen folder.');
    const existing = await fs.lstat(target).catch(() => undefined);
    if (existing?.isSymbolicLink()) throw new AppError('FORBIDDEN', 'Refusing to write through a symbolic link.');
    if (existing?.isDirectory()) throw new AppError('INVALID_INPUT', 'The export path is a folder.');
    return join(realParent, target.slice(dirname(target).length + 1));
  }
}

/**
 * A failed write, worded for the person exporting: the folder they chose and why it failed —
 * not the temp file the atomic write happened to be using.
 */
function cantWrite(folder: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code;
  const reasons: Record<string, [ErrorCode, string]> = {
    EROFS: ['FORBIDDEN', 'read-only (the drive is write-protected)'],
    EACCES: ['FORBIDDEN', 'read-only, or you have no permission to write there'],
    EPERM: ['FORBIDDEN', 'read-only, or you have no permission to write there'],
    ENOSPC: ['TOO_LARGE', 'the disk is full'],
    EDQUOT: ['TOO_LARGE', 'your disk quota is used up'],
    ENOENT: ['NOT_FOUND', 'the folder does not exist'],
    ENOTDIR: ['INVALID_INPUT', 'part of the path is a file, not a folder'],
    EEXIST: ['INVALID_INPUT', 'part of the path is a file, not a folder']
  };
  const [errCode, reason] = (code && reasons[code]) || ['INTERNAL', code ?? (e instanceof Error ? e.message : String(e))];
  return new AppError(errCode, `Can't write to ${folder}: ${reason}.`);
}

function isInside(base: string, p: string, allowEqual = false): boolean {
  const rel = relative(base, p);
  if (rel === '') return allowEqual;
  return !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

export function defaultFileName(doc: ExportDocument, format: ExportFormat): string {
  const title = doc.sessions.length === 1 ? doc.sessions[0].title : `${doc.sessions.length}-sessions`;
  const slug =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'session';
  return `benchmate-${slug}-${doc.exportedAt.slice(0, 10)}.${format}`;
}
