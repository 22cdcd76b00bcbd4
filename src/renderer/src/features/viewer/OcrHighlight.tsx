import { useEffect, useMemo, useRef } from 'react';
import type { OcrWordDto } from '../../../../shared/contract/library';
import { highlightBoxes } from './ocrBoxes';

/**
 * The cited passage on a scanned page: boxes over the page image where OCR found its words.
 * Positioned in percent of the page, so they follow zoom without re-layout.
 */
export function OcrHighlight({ words, highlight }: { words: readonly OcrWordDto[]; highlight: { charStart: number; charEnd: number } }) {
  const boxes = useMemo(() => highlightBoxes(words, highlight.charStart, highlight.charEnd), [words, highlight]);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.scrollIntoView({ block: 'center', inline: 'nearest' }), [boxes]);
  return (
    <div className="ocr-layer" data-testid="ocr-highlight" aria-label="Cited passage on the scanned page">
      {boxes.map((b, i) => (
        <div
          key={i}
          ref={i === 0 ? first : undefined}
          className="ocr-hl"
          style={{ left: `${b.x0 * 100}%`, top: `${b.y0 * 100}%`, width: `${(b.x1 - b.x0) * 100}%`, height: `${(b.y1 - b.y0) * 100}%` }}
        />
      ))}
    </div>
  );
}
