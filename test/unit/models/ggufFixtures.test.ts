import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGgufFileInfo } from 'node-llama-cpp';
import { GgmlType, f32ToF16Bits, gv } from '../../fixtures/gguf/ggufFormat';
import { writeGguf } from '../../fixtures/gguf/ggufWriter';
import { metaValue, readGgufHeader } from '../../fixtures/gguf/ggufReader';
import { bertSpec, bertVocabSource, ensureFixture, llamaSpec } from '../../fixtures/gguf/generators';
import { constF32 } from '../../fixtures/gguf/tensorFill';

const dir = mkdtempSync(join(tmpdir(), 'bm-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GGUF writer/reader', () => {
  it('round-trips typed metadata and aligned tensor data', () => {
    const path = join(dir, 'rt.gguf');
    writeGguf(path, {
      metadata: [['general.architecture', gv.str('llama')], ['x.count', gv.u32(7)], ['x.eps', gv.f32(0.5)], ['x.list', gv.strs(['a', '▁b'])]],
      tensors: [
        { name: 'a', dims: [3], type: GgmlType.F32, fill: constF32(2) },
        { name: 'b', dims: [4, 2], type: GgmlType.F32, fill: constF32(3) }
      ]
    });
    const h = readGgufHeader(path);
    expect(h.version).toBe(3);
    expect(metaValue(h, 'x.count')?.value).toBe(7);
    expect(metaValue(h, 'x.eps')?.value).toBe(0.5);
    expect(metaValue(h, 'x.list')?.value).toEqual(['a', '▁b']);
    expect(h.tensors.map((t) => [t.name, t.dims, t.offset])).toEqual([['a', [3], 0], ['b', [4, 2], 32]]);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('GGUF');
    // data section = file end minus (32 padded 'a' + 32 'b'); 'b' holds 8 floats of 3
    const b = new Float32Array(bytes.buffer.slice(bytes.byteOffset + bytes.length - 32, bytes.byteOffset + bytes.length));
    expect([...b]).toEqual(Array(8).fill(3));
  });

  it('encodes f16 like IEEE half', () => {
    expect(f32ToF16Bits(1)).toBe(0x3c00);
    expect(f32ToF16Bits(-2)).toBe(0xc000);
    expect(f32ToF16Bits(0)).toBe(0);
  });
});

describe('generated models parse in node-llama-cpp', () => {
  it('llama chat fixture: architecture, template, byte vocab', async () => {
    const path = ensureFixture('chat', {}, dir);
    const info = await readGgufFileInfo(path);
    expect(info.metadata.general.architecture).toBe('llama');
    const tok = info.metadata.tokenizer as unknown as { chat_template: string; ggml: { tokens: string[] } };
    expect(tok.chat_template).toContain('<|im_start|>');
    expect(tok.ggml.tokens).toContain('<0xFF>');
    expect(info.tensorInfo?.length).toBe(llamaSpec().tensors.length);
  });

  it('bert embedding fixture: WordPiece vocab and pooling', async () => {
    const source = bertVocabSource();
    if (!source) console.warn('ggml-vocab-bert-bge.gguf not present: BERT fixture uses the generated small vocab');
    const path = ensureFixture('embedding', {}, dir);
    const info = await readGgufFileInfo(path);
    expect(info.metadata.general.architecture).toBe('bert');
    const tokens = (info.metadata.tokenizer as unknown as { ggml: { tokens: string[] } }).ggml.tokens;
    expect(tokens.length).toBe(source ? 30522 : (metaValue({ version: 3, metadata: bertSpec({ vocabFrom: null }).metadata, tensors: [] }, 'tokenizer.ggml.tokens')!.value as string[]).length);
    expect(statSync(path).size).toBeGreaterThan(10_000);
  });
});
