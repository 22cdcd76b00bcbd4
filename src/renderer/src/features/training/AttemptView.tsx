import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { TrainingQuestion } from '../../../../shared/contract/training';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useAppStores } from '../../lib/appContext';
import { routeHref } from '../../lib/router';

/** One answered question: the answer, the verdict, and the cited passage with "open page". */
function Verdict({ q }: { q: TrainingQuestion }) {
  const a = q.answer!;
  const c = q.citation;
  return (
    <div className={`verdict verdict-${a.verdict}`} data-testid="verdict">
      <p>
        <Badge tone={a.verdict === 'correct' ? 'ok' : 'error'}>{a.verdict === 'correct' ? 'Correct' : 'Wrong'}</Badge> <span className="muted">Your answer:</span> {a.text}
      </p>
      <p>{a.explanation}</p>
      <blockquote className="cited-passage">
        {c.quote}
        <footer>
          {c.docTitle}, p. {c.pageLabel} ·{' '}
          <a href={routeHref('viewer', [], { doc: c.docId, page: c.page, title: c.docTitle, hl: `${c.charStart}-${c.charEnd}` })}>Open page</a>
        </footer>
      </blockquote>
    </div>
  );
}

/** The training chat: questions in order, an answer box for the open one, the result at the end. */
export function AttemptView() {
  const { training } = useAppStores();
  const attempt = useStore(training, (s) => s.attempt)!;
  const busy = useStore(training, (s) => s.busy);
  const answer = useStore(training, (s) => s.answer);
  const close = useStore(training, (s) => s.closeAttempt);
  const [text, setText] = useState('');
  const box = useRef<HTMLInputElement>(null);
  const open = attempt.questions.find((q) => !q.answer);
  // Re-read pages are physical pages; show them as printed, like the citations do.
  const label = (page: number) => attempt.questions.find((q) => q.citation.page === page)?.citation.pageLabel ?? String(page);
  const reread = attempt.reread.map(label);

  useEffect(() => box.current?.focus(), [open?.n]);

  return (
    <div className="attempt" aria-live="polite">
      <div className="attempt-head">
        <h2 id="attempt-h">{attempt.topicTitle}</h2>
        <span className="muted">
          {attempt.correct} correct · {attempt.wrong} wrong · 2 of 3 to pass
        </span>
        <Button size="small" variant="ghost" onClick={close}>
          Close
        </Button>
      </div>
      <ol className="question-list">
        {attempt.questions.map((q) => (
          <li key={q.n} className="question">
            <p className="question-prompt">
              <span className="muted">Q{q.n} · {q.level}</span> {q.prompt}
            </p>
            {q.choices.length > 0 && (
              <ol className="choices" type="A">
                {q.choices.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ol>
            )}
            {q.answer && <Verdict q={q} />}
          </li>
        ))}
      </ol>
      {open && attempt.status === 'in_progress' && (
        <form
          className="inline-form answer-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void answer(text.trim()).then(() => setText(''));
          }}
        >
          <label htmlFor="training-answer">{open.choices.length ? 'Your answer (letter or text)' : 'Your answer'}</label>
          <input id="training-answer" ref={box} className="input" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" maxLength={4000} />
          <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
            Answer
          </Button>
        </form>
      )}
      {attempt.status !== 'in_progress' && (
        <p className={`attempt-result result-${attempt.status}`} data-testid="attempt-result">
          {attempt.status === 'passed' ? 'Topic passed.' : `Topic failed. Re-read page${reread.length > 1 ? 's' : ''} ${reread.join(', ')} and try again.`}
        </p>
      )}
    </div>
  );
}
