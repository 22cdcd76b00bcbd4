import { writeFile } from 'node:fs/promises';
import { AppError } from '../../core/platform/errors';
import { runEval, type EvalReport } from '../../core/search/eval/evalRunner';
import type { Figures } from '../../core/search/eval/metrics';
import { stringFlag, type CliCommand } from '../command';

const row = (name: string, f: Figures) =>
  `${name.padEnd(24)} ${String(f.n).padStart(3)}  ${f.recall_at_1.toFixed(3)}     ${f.recall_at_5.toFixed(3)}     ${f.mrr_at_10.toFixed(3)}   ${f.answer_evidence_at_1.toFixed(3)}     ${f.answer_evidence_at_3.toFixed(3)}     ${f.answer_page_at_1.toFixed(3)}`;

function printReport(out: (s: string) => void, r: EvalReport): void {
  out(`corpus: ${r.corpus.imported}/${r.corpus.files} files imported${r.corpus.failed.length ? `, not searchable: ${r.corpus.failed.map((f) => `${f.file} (${f.outcome})`).join(', ')}` : ''}`);
  out(`subset                     n  recall@1  recall@5  MRR@10  answer@1  answer@3  line-on-gold-page@1`);
  out(row('ALL answerable', r));
  for (const [k, f] of Object.entries(r.per_kind)) out(row(`kind=${k}`, f));
  out(
    `unanswerable below evidence threshold ${r.threshold}: ${r.unanswerable_below_threshold}/${r.unanswerable}` +
      `; answerable wrongly below: ${r.answerable_below_threshold}/${r.n}`
  );
  out(
    `unanswerable declined or with a never-mentioned term: ${r.unanswerable_declined_or_never_mentioned}/${r.unanswerable}` +
      `; answerable with a never-mentioned term: ${r.answerable_never_mentioned}/${r.n}`
  );
  out('threshold sweep (unanswerable below / answerable below / answerable with a top-5 hit below):');
  out('  ' + r.threshold_sweep.map((t) => `${t.threshold}: ${t.unanswerable_below}/${t.answerable_below}/${t.answerable_hit5_below}`).join('  '));
  out(`${r.ms_per_query} ms per query`);
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Retrieval eval: import a corpus into a temp library, score a questions.jsonl',
  usage: 'eval --corpus DIR --questions FILE.jsonl [--json] [--run-out FILE] [--threshold X] [--work-dir DIR] [--verbose]',
  async run(ctx) {
    const corpusDir = stringFlag(ctx.args, 'corpus');
    const questionsFile = stringFlag(ctx.args, 'questions');
    if (!corpusDir || !questionsFile) throw new AppError('INVALID_INPUT', `usage: ${this.usage}`);
    const thresholdFlag = stringFlag(ctx.args, 'threshold');
    const threshold = thresholdFlag === undefined ? undefined : Number(thresholdFlag);
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new AppError('INVALID_INPUT', '--threshold must be within 0..1');
    const verbose = ctx.args.flags.verbose === true;
    const report = await runEval({
      corpusDir,
      questionsFile,
      threshold,
      workDir: stringFlag(ctx.args, 'work-dir'),
      log: verbose && !ctx.json ? (l) => ctx.out(l) : undefined
    });
    const runOut = stringFlag(ctx.args, 'run-out');
    if (runOut) {
      // The format eval-dev's score_run.py reads: one JSON object per question.
      const lines = report.run.map((r) => JSON.stringify({ id: r.id, results: r.results, declined: r.declined, strength: r.strength }));
      await writeFile(runOut, lines.join('\n') + '\n');
    }
    if (ctx.json) {
      const { outcomes, run, ...figures } = report;
      ctx.outJson({
        ...figures,
        per_question: outcomes.map((o) => ({
          id: o.id,
          kind: o.kind,
          rank: o.rank,
          answer_rank: o.evidenceRank ?? null,
          // Which line was shown first, and whether it was on a gold page (wrong page vs wrong unit).
          ...(o.answerLine ? { answer_line: { page: o.answerLine.page, kind: o.answerLine.kind, on_gold_page: o.answerLine.onGoldPage, text: o.answerLine.text.slice(0, 200) } } : {}),
          strength: Math.round(o.strength * 1000) / 1000,
          declined: o.belowThreshold
        }))
      });
      void run;
    } else printReport((s) => ctx.out(s), report);
    return 0;
  }
};
