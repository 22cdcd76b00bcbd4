import { useState } from 'react';
import type { FeedbackRating, MessageFeedback } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';

export interface FeedbackBarProps {
  current?: MessageFeedback;
  onSubmit: (rating: FeedbackRating, comment: string) => Promise<boolean>;
}

const LABELS: Record<FeedbackRating, string> = { helpful: '✓ Helpful', not_helpful: '✗ Not helpful', escalate: '⚑ Escalate' };

/** Per-answer feedback. "Helpful" is one click; the other two ask for an optional comment. */
export function FeedbackBar({ current, onSubmit }: FeedbackBarProps) {
  const [asking, setAsking] = useState<FeedbackRating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (rating: FeedbackRating, text: string) => {
    setBusy(true);
    const ok = await onSubmit(rating, text);
    setBusy(false);
    if (ok) {
      setAsking(null);
      setComment('');
    }
  };

  return (
    <div className="feedback">
      <div className="feedback-buttons" role="group" aria-label="Was this answer helpful?">
        {(Object.keys(LABELS) as FeedbackRating[]).map((r) => (
          <Button
            key={r}
            size="small"
            variant="ghost"
            className={current?.rating === r ? 'feedback-on' : undefined}
            aria-pressed={current?.rating === r}
            disabled={busy}
            onClick={() => (r === 'helpful' ? void submit(r, '') : setAsking(asking === r ? null : r))}
          >
            {LABELS[r]}
          </Button>
        ))}
        {current?.comment && <span className="feedback-comment muted" title={current.comment}>“{current.comment}”</span>}
      </div>
      {asking && (
        <form
          className="feedback-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(asking, comment);
          }}
        >
          <label className="visually-hidden" htmlFor="feedback-comment">
            Comment
          </label>
          <input
            id="feedback-comment"
            autoFocus
            placeholder={asking === 'escalate' ? 'What should an expert look at?' : 'What was wrong or missing? (optional)'}
            value={comment}
            maxLength={4000}
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setAsking(null))}
          />
          <Button size="small" type="submit" variant="primary" busy={busy}>
            {asking === 'escalate' ? 'Escalate' : 'Send'}
          </Button>
          <Button size="small" variant="ghost" onClick={() => setAsking(null)}>
            Cancel
          </Button>
        </form>
      )}
    </div>
  );
}
