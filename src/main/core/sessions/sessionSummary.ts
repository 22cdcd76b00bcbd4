import type { ChatMessage, SessionSummary } from '../../../shared/contract/sessions';
import type { SessionState } from './journal';

/** Per-session counters kept in the index so app.stats never has to read every journal. */
export interface SessionAggregate {
  userMessages: number;
  answers: number;
  /** Answers that refused: not_found mode, or the model saying the manuals do not cover it. */
  refused: number;
  searchOnly: number;
  ttftSumMs: number;
  ttftCount: number;
  tpsSum: number;
  tpsCount: number;
  notHelpful: number;
  helpful: number;
  escalated: number;
}

export function summaryOf(state: SessionState): SessionSummary {
  const h = state.header;
  const answers = state.messages.filter((m) => m.role === 'assistant');
  const lastModel = [...answers].reverse().find((m) => m.modelId)?.modelId ?? null;
  const lastQuestion = [...state.messages].reverse().find((m) => m.role === 'user')?.text ?? '';
  return {
    id: h.id,
    title: h.title || autoTitle(state.messages.find((m) => m.role === 'user')?.text ?? '') || 'New session',
    scope: h.scope,
    machine: h.machine,
    serialNumber: h.serialNumber,
    technician: h.technician,
    pinned: h.pinned,
    ownerId: h.ownerId ?? '',
    createdAt: h.createdAt,
    updatedAt: state.updatedAt,
    modelId: lastModel,
    messageCount: state.messages.length,
    lastQuestion
  };
}

export function aggregateOf(state: SessionState): SessionAggregate {
  const a: SessionAggregate = {
    userMessages: 0,
    answers: 0,
    refused: 0,
    searchOnly: 0,
    ttftSumMs: 0,
    ttftCount: 0,
    tpsSum: 0,
    tpsCount: 0,
    notHelpful: 0,
    helpful: 0,
    escalated: 0
  };
  for (const m of state.messages) {
    if (m.role === 'user') {
      a.userMessages++;
      continue;
    }
    a.answers++;
    if (isRefusal(m)) a.refused++;
    if (m.mode === 'search_only') a.searchOnly++;
    if (m.metrics && m.metrics.generatedTokens > 0) {
      a.ttftSumMs += m.metrics.ttftMs;
      a.ttftCount++;
      a.tpsSum += m.metrics.tokensPerSecond;
      a.tpsCount++;
    }
    if (m.feedback?.rating === 'helpful') a.helpful++;
    if (m.feedback?.rating === 'not_helpful') a.notHelpful++;
    if (m.feedback?.rating === 'escalate') a.escalated++;
  }
  return a;
}

/**
 * A refused answer: retrieval was below the evidence threshold (not_found), or the model followed
 * its instruction to say "The manuals do not cover this." (the system prompt's exact wording).
 */
export function isRefusal(m: Pick<ChatMessage, 'role' | 'mode' | 'text'>): boolean {
  if (m.role !== 'assistant') return false;
  return m.mode === 'not_found' || (m.mode === 'answer' && /\bmanuals do not cover this\b/i.test(m.text));
}

/** Title from the first question: first line, whitespace collapsed, cut at a word near 60 chars. */
export function autoTitle(question: string): string {
  const line = question.split('\n')[0].replace(/\s+/g, ' ').trim();
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  const sp = cut.lastIndexOf(' ');
  return (sp > 30 ? cut.slice(0, sp) : cut) + '…';
}
