import type { ChatSource } from '../../../shared/contract/sessions';
import { describeSource } from '../chat/citations';
import { actionLines, escalationLine, localTime, searchOnlyLayout, uncitedNote } from './answerLayout';
import { turnsOf, type ExportDocument, type ExportedSession } from './reportModel';

/** Markdown and HTML transcripts, both rendered from the export document. */

const MODE_NOTE: Record<string, string> = {
  search_only: 'Search-only answer (no language model was loaded).',
  not_found: 'Not found in the manuals.'
};

export function sessionHeaderLines(s: ExportedSession): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (s.machine) rows.push(['Machine', s.machine]);
  if (s.serialNumber) rows.push(['Serial number', s.serialNumber]);
  if (s.technician) rows.push(['Technician', s.technician]);
  rows.push(['Started', localTime(s.createdAt)], ['Last updated', localTime(s.updatedAt)]);
  if (s.scope.machineModels.length) rows.push(['Machine models', s.scope.machineModels.join(', ')]);
  if (s.modelId) rows.push(['Model', s.modelId]);
  return rows;
}

export function citationLine(c: ChatSource): string {
  return `[${c.n}] ${describeSource(c)}`;
}

/**
 * Markdown metacharacters that could turn text into links, raw HTML, emphasis or tables are
 * backslash-escaped ('>' only matters at a line start, where quotes are meant to be quotes).
 */
function mdEscape(text: string): string {
  return text.replace(/([\\`*_{}[\]<#|])/g, '\\$1');
}

function mdQuote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${mdEscape(l)}`)
    .join('\n');
}

/** The answer text keeps its [n] markers readable (escaping them would show "\[1\]"). */
function mdAnswer(text: string): string {
  return mdEscape(text).replace(/\\\[(\d+(?:, \d+)*)\\\]/g, '[$1]');
}

export function renderMarkdown(doc: ExportDocument): string {
  const out: string[] = [];
  for (const s of doc.sessions) {
    out.push(`# ${mdEscape(s.title)}`, '');
    for (const [k, v] of sessionHeaderLines(s)) out.push(`- **${k}:** ${mdEscape(v)}`);
    out.push('');
    for (const { question, answer } of turnsOf(s)) {
      out.push(`## Q: ${mdEscape(question.text.replace(/\s+/g, ' '))}`, '');
      if (!answer) {
        out.push('_No answer._', '');
        continue;
      }
      if (answer.mode && MODE_NOTE[answer.mode]) out.push(`_${MODE_NOTE[answer.mode]}_`, '');
      const layout = searchOnlyLayout(answer);
      if (layout) {
        // The answer line first, then each other source once (no separate Sources list).
        out.push(`**${mdEscape(layout.lead)}**`, '', mdQuote(layout.line), '');
        if (layout.more.length) {
          out.push('**More in the manuals**', '');
          for (const m of layout.more) out.push(mdEscape(m.cite), '', mdQuote(m.text), '');
        }
      } else if (answer.mode !== 'search_only') out.push(mdAnswer(answer.text), '');
      const uncited = uncitedNote(answer);
      if (uncited) out.push(`**${mdEscape(uncited)}**`, '');
      if (answer.stopReason === 'abort') out.push('_(answer stopped before it was complete)_', '');
      if (answer.sources.length && !layout) {
        out.push('**Sources**', '');
        for (const c of answer.sources) out.push(`[${c.n}] ${mdEscape(describeSource(c))}`, '', mdQuote(c.quote), '');
      }
      for (const line of actionLines(answer)) out.push(`_${mdEscape(line)}_`, '');
      if (answer.feedback) out.push(`_Feedback: ${answer.feedback.rating}${answer.feedback.comment ? ` — ${mdEscape(answer.feedback.comment)}` : ''}_`, '');
      const esc = escalationLine(s, answer.id);
      if (esc) out.push(`**${mdEscape(esc)}**`, '');
    }
  }
  out.push('---', `Exported ${localTime(doc.exportedAt)} by ${doc.generator.name} ${doc.generator.version}. Content SHA-256: \`${doc.contentSha256}\``, '');
  return out.join('\n');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#111}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
.q{margin-top:1.5rem;font-weight:600}.a{white-space:pre-wrap}.note{color:#555;font-style:italic}
blockquote{margin:.3rem 0 .8rem 1rem;padding-left:.8rem;border-left:3px solid #bbb;color:#333;white-space:pre-wrap}
.cite{font-size:13px}.warn{color:#8a4b00;font-weight:600}.answer-line{border-left-color:#2b6cb0;color:#111}footer{margin-top:2rem;color:#555;font-size:12px;word-break:break-all}`;

export function renderHtml(doc: ExportDocument): string {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // No scripts, no remote resources: the file must be safe to open anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(doc.sessions.map((s) => s.title).join(' · '))}</title>`,
    `<style>${CSS}</style></head><body>`
  ];
  for (const s of doc.sessions) {
    out.push(`<section><h1>${escapeHtml(s.title)}</h1><dl>`);
    for (const [k, v] of sessionHeaderLines(s)) out.push(`<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
    out.push('</dl>');
    for (const { question, answer } of turnsOf(s)) {
      out.push(`<p class="q">Q: ${escapeHtml(question.text)}</p>`);
      if (!answer) {
        out.push('<p class="note">No answer.</p>');
        continue;
      }
      if (answer.mode && MODE_NOTE[answer.mode]) out.push(`<p class="note">${escapeHtml(MODE_NOTE[answer.mode])}</p>`);
      const layout = searchOnlyLayout(answer);
      if (layout) {
        out.push(`<p class="cite"><strong>${escapeHtml(layout.lead)}</strong></p><blockquote class="answer-line">${escapeHtml(layout.line)}</blockquote>`);
        if (layout.more.length) {
          out.push('<h3>More in the manuals</h3>');
          for (const m of layout.more) out.push(`<p class="cite">${escapeHtml(m.cite)}</p><blockquote>${escapeHtml(m.text)}</blockquote>`);
        }
      } else if (answer.mode !== 'search_only') out.push(`<div class="a">${escapeHtml(answer.text)}</div>`);
      const uncited = uncitedNote(answer);
      if (uncited) out.push(`<p class="warn">${escapeHtml(uncited)}</p>`);
      if (answer.stopReason === 'abort') out.push('<p class="note">(answer stopped before it was complete)</p>');
      if (answer.sources.length && !layout) {
        out.push('<h3>Sources</h3>');
        for (const c of answer.sources) {
          out.push(`<p class="cite">${escapeHtml(citationLine(c))}</p><blockquote>${escapeHtml(c.quote)}</blockquote>`);
        }
      }
      for (const line of actionLines(answer)) out.push(`<p class="note">${escapeHtml(line)}</p>`);
      const esc = escalationLine(s, answer.id);
      if (esc) out.push(`<p class="note"><strong>${escapeHtml(esc)}</strong></p>`);
      if (answer.feedback) {
        out.push(`<p class="note">Feedback: ${escapeHtml(answer.feedback.rating)}${answer.feedback.comment ? ` — ${escapeHtml(answer.feedback.comment)}` : ''}</p>`);
      }
    }
    out.push('</section>');
  }
  out.push(
    `<footer>Exported ${escapeHtml(localTime(doc.exportedAt))} by ${escapeHtml(doc.generator.name)} ${escapeHtml(doc.generator.version)}. Content SHA-256: ${doc.contentSha256}</footer>`,
    '</body></html>'
  );
  return out.join('\n');
}
