import { describe, expect, it } from 'vitest';
import { parseHash, routeHref } from '../../../../src/renderer/src/lib/router';

describe('hash router', () => {
  it('parses route, params and query', () => {
    expect(parseHash('#/library')).toEqual({ name: 'library', params: [], query: {} });
    expect(parseHash('#/chat/s%201')).toEqual({ name: 'chat', params: ['s 1'], query: {} });
    expect(parseHash('#/viewer?doc=d1&page=12')).toEqual({ name: 'viewer', params: [], query: { doc: 'd1', page: '12' } });
  });
  it('falls back to chat for empty or unknown hashes', () => {
    expect(parseHash('').name).toBe('chat');
    expect(parseHash('#/nope/x').name).toBe('chat');
    expect(parseHash('#/nope/x').params).toEqual([]);
  });
  it('routeHref round-trips through parseHash', () => {
    const href = routeHref('viewer', ['a/b'], { doc: 'x y', page: 3 });
    expect(parseHash(href)).toEqual({ name: 'viewer', params: ['a/b'], query: { doc: 'x y', page: '3' } });
  });
});
