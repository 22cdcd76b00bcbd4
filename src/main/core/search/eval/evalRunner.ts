import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportOutcome } from '../../../../shared/contract/library';
import { pathsFor } from '../../config';
import { createCore, type Core } from '../../createCore';
import { answerLineText } from '../../../../shared/answerLine';
import { containsEvidence } from '../../answer/answerEvidence';
import { baseName, firstHitRank, parseQuestions, summarize, type EvalSummary, type QuestionOutcome } from './metrics';

/**
 * Retrieval eval: imports a corpus folder into a library in a temp (or given) data folder through
 * the real core, asks every question of a questions.jsonl through search.query, and scores it
 * like eval-dev's score_run.py. "Declined" = evidence below the configured threshold.
 */
export interface EvalOptions {
  corpusDir: string;
  questionsFile: string;
  /** Reuse this data folder (already-imported files are skipped as duplicates); default: temp, deleted. */
  workDir?: string;
  /** Override settings.retrieval.evidenceThreshold for this run. */
  threshold?: number;
  limit?: number;
  log?: (line: string) => void;
}

export interface RunRow {
  id: string;
  results: Array<{ file: string; page: number; score: number }>;
  declined: boolean;
  strength: number;
}

export interface EvalReport extends EvalSummary {
  corpus: { files: number; imported: number; failed: Array<{ file: string; outcome: string; message: string }> };
  questions: number;
  ms_per_query: number;
  outcomes: QuestionOutcome[];
  run: RunRow[];
}

export async function runEval(opts: EvalOptions): Promise<EvalReport> {
  const log = opts.log ?? (() => {});
  const dir = opts.workDir ?? (await mkdtemp(join(tmpdir(), 'benchmate-eval-')));
  const questions = parseQuestions(await readFile(opts.questionsFile, 'utf8'));
  const core = await createCore({ paths: pathsFor(dir), host: 'cli', version: 'eval', logLevel: 'warn', logEcho: false, threads: 2 });
  try {
    if (opts.threshold !== undefined) await core.settings.update({ retrieval: { evidenceThreshold: opts.threshold } });
    const corpus = await importCorpus(core, opts.corpusDir, log);
    const threshold = core.settings.get().retrieval.evidenceThreshold;
    const outcomes: QuestionOutcome[] = [];
    const run: RunRow[] = [];
    const t0 = performance.now();
    for (const q of questions) {
      const r = await core.search.query({ text: q.question, limit: opts.limit ?? 10 });
      const top = r.passages.map((p) => ({ file: p.fileName || p.docTitle, page: p.page, score: p.score }));
      const rank = firstHitRank(q, top);
      // Exactly what the app shows first: the answer line, then the "More in the manuals" spans.
      const spans = q.evidence && q.file ? await core.answer.spans(q.question, r.passages) : [];
      const shown = spans.map(answerLineText);
      const hit = q.evidence ? shown.findIndex((s) => containsEvidence(s, q.evidence!)) : -1;
      const first = spans[0] ? r.passages[spans[0].passageIndex] : undefined;
      const answerLine =
        spans[0] && first
          ? { file: first.fileName || first.docTitle, page: spans[0].page, kind: spans[0].kind, text: shown[0], onGoldPage: firstHitRank(q, [{ file: first.fileName || first.docTitle, page: spans[0].page }]) === 1 }
          : undefined;
      outcomes.push({
        id: q.id,
        kind: q.kind,
        answerable: q.file !== null,
        rank,
        strength: r.evidence.strength,
        belowThreshold: r.evidence.belowThreshold,
        neverMentioned: r.missing?.neverMentioned.length ?? 0,
        top: top.map(({ file, page }) => ({ file, page })),
        ...(q.evidence && q.file ? { evidenceRank: hit >= 0 ? hit + 1 : null, answerLine } : {})
      });
      run.push({ id: q.id, results: top, declined: r.evidence.belowThreshold, strength: r.evidence.strength });
      log(`${q.id} ${q.kind.padEnd(12)} rank=${rank ?? '-'} span=${hit >= 0 ? hit + 1 : '-'}${answerLine ? ` line=p${answerLine.page}${answerLine.onGoldPage ? '*' : ''} ${answerLine.kind}` : ''} strength=${r.evidence.strength.toFixed(2)} top=${top[0] ? `${top[0].file} p${top[0].page}` : '-'}`);
    }
    const msPerQuery = questions.length ? (performance.now() - t0) / questions.length : 0;
    return {
      ...summarize(outcomes, threshold),
      corpus,
      questions: questions.length,
      ms_per_query: Math.round(msPerQuery * 10) / 10,
      outcomes,
      run
    };
  } finally {
    await core.dispose();
    if (!opts.workDir) await rm(dir, { recursive: true, force: true });
  }
}

async function importCorpus(core: Core, corpusDir: string, log: (l: string) => void): Promise<EvalReport['corpus']> {
  const started = await core.library.import([corpusDir]);
  const failed: EvalReport['corpus']['failed'] = [];
  let imported = 0;
  for (const f of started.files) {
    const snap = await core.jobs.wait(f.jobId);
    const r = snap.result as ImportOutcome | undefined;
    const outcome = snap.status === 'succeeded' && r ? r.outcome : (snap.error?.code ?? snap.status);
    if (outcome === 'imported' || outcome === 'needs_ocr' || outcome === 'duplicate') imported++;
    else failed.push({ file: baseName(f.path), outcome, message: r?.message ?? snap.error?.message ?? '' });
    log(`import ${baseName(f.path)}: ${outcome}`);
  }
  return { files: started.files.length, imported, failed };
}
