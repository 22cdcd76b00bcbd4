import { describe, expect, it } from 'vitest';
import { componentName, overallWords, statusWord } from '../../../../src/renderer/src/features/status/healthWords';

describe('status page words', () => {
  it('names components with capitals, known or not', () => {
    expect(componentName('search')).toBe('Search');
    expect(componentName('chatModel')).toBe('Chat model');
    expect(componentName('printer')).toBe('Printer');
  });

  it('says states in plain words', () => {
    expect(['ok', 'degraded', 'error', 'off'].map(statusWord)).toEqual(['Working', 'Needs attention', 'Not working', 'Off']);
  });

  it('sums up: everything working, or which components need a look', () => {
    const c = (name: string, status: 'ok' | 'degraded' | 'error' | 'off') => ({ name, status, detail: '' });
    expect(overallWords({ status: 'ok', components: [c('jobs', 'ok'), c('chatModel', 'off')] })).toBe('Everything is working');
    expect(overallWords({ status: 'degraded', components: [c('search', 'degraded'), c('jobs', 'ok')] })).toBe('Needs attention: Search');
    expect(overallWords({ status: 'error', components: [c('index', 'error'), c('embeddingModel', 'degraded')] })).toBe('Not working: Search index · Needs attention: Embedding model');
  });
});
