import type { MissingTerms } from '../../../shared/contract/search';
import type { ChatSource } from '../../../shared/contract/sessions';
import { answerLineText } from '../../../shared/answerLine';
import { describeSource } from './citations';
import type { RetrievedPassage } from './ports';

/** Fixed wording the admin gap report and tests can rely on (it starts every not_found answer). */
export const NOT_FOUND_TEXT = 'I could not find this in the manuals.';

/** How many sources a search-only answer lists: the answer line's page plus up to 3 more. */
export const SEARCH_ONLY_SOURCES = 4;

/** How many of the closest sections a not_found answer lists. */
export const CLOSEST_SECTIONS = 3;

export function notFoundAnswer(closest: ChatSource[], missing?: MissingTerms): string {
  const why = missingTermsLine(missing);
  if (!closest.length) return `${NOT_FOUND_TEXT}${why ? ` ${why}` : ''} No indexed manual matched the question.`;
  const lines = closest.map((s) => `- ${describeSource(s)}`);
  return `${NOT_FOUND_TEXT}${why ? ` ${why}` : ''}\n\nClosest sections (they may not answer the question):\n${lines.join('\n')}`;
}

/** "The manuals never mention ESP32." / "Missing on these pages: SatNOGS." ('' when nothing is missing). */
export function missingTermsLine(missing: MissingTerms | undefined): string {
  const parts: string[] = [];
  if (missing?.neverMentioned.length) parts.push(`The manuals never mention ${missing.neverMentioned.join(', ')}.`);
  if (missing?.notOnPages.length) parts.push(`Missing on these pages: ${missing.notOnPages.join(', ')}.`);
  return parts.join(' ');
}

/**
 * The search-only answer as text (transcripts, exports, the CLI): the answer line first — "From
 * <title>, p. <label>:" and the span, line breaks kept — then "More in the manuals", each source
 * once with its own best span. The app renders the same structure from `sources[].span`.
 */
export function searchOnlyAnswer(sources: ChatSource[], passages: RetrievedPassage[] = []): string {
  if (!sources.length) return '';
  const [first, ...more] = sources;
  const lines = [`From ${describeSource(first)}:`, quoteLines(first.span ? answerLineText(first.span) : excerpt(passages[0] ?? sourcePassage(first)))];
  if (more.length) {
    lines.push('', 'More in the manuals:');
    more.forEach((s, i) => lines.push(`[${s.n}] ${describeSource(s)}`, quoteLines(s.span ? answerLineText(s.span) : excerpt(passages[i + 1] ?? sourcePassage(s)))));
  }
  return lines.join('\n');
}

const quoteLines = (text: string) => text.split('\n').map((l) => `> ${l.trimEnd()}`).join('\n');
const sourcePassage = (s: ChatSource): RetrievedPassage => ({ ...s, text: s.quote });

/** ~320 characters of the passage centred on its highlight (offsets are page-relative). */
export function excerpt(p: RetrievedPassage, max = 320): string {
  const text = p.text.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  let start = 0;
  if (p.charStart !== undefined && p.highlight.charStart >= p.charStart) {
    start = Math.max(0, Math.min(text.length - max, p.highlight.charStart - p.charStart - 80));
  }
  const slice = text.slice(start, start + max);
  return `${start > 0 ? '…' : ''}${slice.trim()}${start + max < text.length ? '…' : ''}`;
}
