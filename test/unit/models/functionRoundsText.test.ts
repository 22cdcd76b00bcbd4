import { describe, expect, it } from 'vitest';
import { GeneralChatWrapper, QwenChatWrapper } from 'node-llama-cpp';
import { callPrefixes, withoutUnparsedCall } from '../../../src/main/core/models/functionRounds';

describe('raw call syntax left in a final answer', () => {
  it('reads the call prefixes from node-llama-cpp chat wrappers', () => {
    expect(callPrefixes(new GeneralChatWrapper())).toContain('||call:');
    expect(callPrefixes(new QwenChatWrapper()).some((p) => p.includes('tool_call'))).toBe(true);
  });

  it('cuts the text at the first unparsed call and keeps the answer before it', () => {
    const prefixes = callPrefixes(new GeneralChatWrapper());
    expect(withoutUnparsedCall('Replace the fuse [1].\n||call:"escalate', prefixes)).toBe('Replace the fuse [1].');
    expect(withoutUnparsedCall('||call:"', prefixes)).toBe('');
  });

  it('leaves text without a call prefix alone, including pipes used in tables', () => {
    const prefixes = callPrefixes(new GeneralChatWrapper());
    const table = '| code | meaning |\n|---|---|\n| E-204 | pump stall |';
    expect(withoutUnparsedCall(table, prefixes)).toBe(table);
  });
});
