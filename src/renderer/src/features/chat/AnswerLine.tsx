import type { ReactNode } from 'react';
import type { AnswerSpan, ChatSource } from '../../../../shared/contract/sessions';
import { pagesOfLine, tableCells } from '../../../../shared/answerLine';
import { codeLeadLength, codeText, headingLength, isNumberedTitle, proseText, readsAsProse } from './answerLineText';

/**
 * The answer line of a search-only answer: "From <title>, p. <label>:" and the span that answers
 * (a sentence, a table row under its header, an option or config line), matched words marked.
 * One click (or Enter) opens the page with exactly this span highlighted.
 */
export function AnswerLine({ source, onOpen }: { source: ChatSource; onOpen: (s: ChatSource) => void }) {
  const span = source.span;
  return (
    // The whole block opens the page on click; the chip is the keyboard/screen-reader control.
    <div className="answer-line" data-testid="answer-line" data-kind={span?.kind ?? 'passage'} onClick={() => onOpen(source)}>
      <p className="answer-line-from">
        <SourceChip source={source} onOpen={onOpen} />
        From <strong>{source.docTitle}</strong>, p. {pagesOfLine(source.pageLabel, !!span?.continued)}
        {source.sectionPath ? <span className="muted"> · {source.sectionPath}</span> : null}
      </p>
      {span ? <SpanText span={span} sectionPath={source.sectionPath} /> : <p className="answer-line-text">{source.quote.slice(0, 300)}</p>}
    </div>
  );
}

/** The numbered chip that opens a source's page highlighted (same look as the answer's [n] chips). */
export function SourceChip({ source, onOpen }: { source: ChatSource; onOpen: (s: ChatSource) => void }) {
  return (
    <button
      type="button"
      className="cite-chip"
      data-cite={source.n}
      aria-label={`Source ${source.n}: ${source.docTitle}, page ${source.pageLabel} (open highlighted)`}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(source);
      }}
    >
      {source.n}
    </button>
  );
}

/** A span as the page shows it: table rows as cells under their header; code and config lines kept. */
export function SpanText({ span, compact = false, sectionPath }: { span: AnswerSpan; compact?: boolean; sectionPath?: string }) {
  if (span.kind === 'row') {
    const header = span.header ? tableCells(span.header) : [];
    const rows = span.text.split('\n');
    const cells = tableCells(rows[0]);
    const rest = rows.slice(1).join(' ');
    return (
      <table className={`answer-line-table${compact ? ' compact' : ''}`} data-testid="answer-line-row">
        {header.length === cells.length && (
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          <tr>
            {cells.map((c, i) => (
              <td key={i}>{marked(c, span, offsetOfCell(span.text, rows[0], i))}{i === cells.length - 1 && rest ? ` ${rest}` : ''}</td>
            ))}
          </tr>
        </tbody>
        {header.length !== cells.length && span.header ? <caption>{span.header}</caption> : null}
      </table>
    );
  }
  // A heading the page prints above (or extraction glued onto) the sentence is a small label.
  const head = headingLength(span.text, sectionPath);
  const body = span.text.slice(head);
  // Heading + sentence was cut as code by its short first line; without the heading it is prose.
  const code = span.kind === 'option' || (span.kind === 'code' && !(head > 0 && readsAsProse(body)) && !isNumberedTitle(body));
  // A lead-in ("…change the following line from:") reads as prose above its code lines.
  const cut = head + (span.kind === 'code' && code ? codeLeadLength(body) : 0);
  const lead = cut > head;
  return (
    <div className={`answer-line-body${compact ? ' compact' : ''}`} data-testid="answer-line-text">
      {head > 0 && (
        <p className="answer-line-heading" data-testid="answer-line-heading">
          {span.text.slice(0, head).trim()}
        </p>
      )}
      {lead && <p className="answer-line-text">{marked(span.text.slice(head, cut).trimEnd(), span, head)}</p>}
      <p className={`answer-line-text${code ? ' answer-line-code' : ''}${compact ? ' compact' : ''}`}>
        {marked(span.text.slice(cut), span, cut, code)}
        {/* A sentence the page break cuts goes on with its rest from the next page. */}
        {span.continued && <span data-testid="answer-line-continued"> {proseText(span.continued.text)}</span>}
      </p>
    </div>
  );
}

/** Offset of cell i of a row line within the span text (cells are separated by 2+ spaces). */
function offsetOfCell(text: string, row: string, i: number): number {
  let pos = text.indexOf(row.trim());
  for (let k = 0; k < i; k++) {
    const m = / {2,}|\t/g;
    m.lastIndex = pos;
    const hit = m.exec(text);
    if (!hit) break;
    pos = hit.index + hit[0].length;
  }
  return pos;
}

/** The text with the span's matched words (offsets relative to span.text) in <mark>. */
function marked(text: string, span: AnswerSpan, base: number, code = false): ReactNode[] {
  const out: ReactNode[] = [];
  // Offsets stay page-exact: only the text between them is tidied (answerLineText.ts).
  const tidy = code ? codeText : proseText;
  let at = 0;
  for (const [s, e] of span.marks) {
    const a = s - base;
    const b = e - base;
    if (b <= at || a >= text.length) continue;
    if (a > at) out.push(tidy(text.slice(at, a)));
    out.push(<mark key={s}>{text.slice(Math.max(a, at), Math.min(b, text.length))}</mark>);
    at = Math.min(b, text.length);
  }
  if (at < text.length) out.push(tidy(text.slice(at)));
  return out;
}
