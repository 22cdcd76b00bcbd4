import { describe, expect, it } from 'vitest';
import { modelPathWords } from '../../../../src/renderer/src/features/models/addModelWords';

describe('model path field words', () => {
  it('the desktop app reads this computer', () => {
    expect(modelPathWords('electron')).toEqual({ label: 'Path to the .gguf file on this computer' });
  });

  it('the web host says the path is on the server and points to Browse for local files', () => {
    const w = modelPathWords('web');
    expect(w.label).not.toMatch(/this computer/);
    expect(w.label).toMatch(/server/);
    expect(w.hint).toMatch(/Browse/);
  });
});
