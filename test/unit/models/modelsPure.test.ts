import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/main/core/models/catalog';
import { physicalCores } from '../../../src/main/core/models/llamaRuntime';
import { modelIdFromFile } from '../../../src/main/core/models/modelRegistry';
import { validateModelUri } from '../../../src/main/core/models/modelDownloader';
import { embeddingPrefixes, embeddingText } from '../../../src/main/core/models/embeddingText';
import { TABLES } from '../../../src/main/core/index/schema';
import { vectorModelKey } from '../../../src/main/core/index/vectorStore';

const GB = 1024 ** 3;

describe('models: pure helpers', () => {
  it('counts physical cores (never 0, never above logical CPUs)', async () => {
    const { cpus } = await import('node:os');
    const n = physicalCores();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(cpus().length);
  });

  it('recommends the largest model per kind that fits the RAM', () => {
    const small = catalog([], 4 * GB, 8);
    const big = catalog([], 32 * GB, 8);
    const rec = (c: typeof small, kind: string) => c.find((e) => e.kind === kind && e.recommended);
    expect(rec(small, 'chat')!.minRamGb).toBeLessThanOrEqual(4);
    expect(rec(big, 'chat')!.minRamGb).toBeGreaterThan(rec(small, 'chat')!.minRamGb);
    expect(rec(catalog([], 1 * GB, 8), 'chat')).toBeUndefined();
    // Plenty of RAM but two cores: a 7B model would be unusably slow on the CPU.
    expect(rec(catalog([], 32 * GB, 2), 'chat')!.minRamGb).toBeLessThan(rec(big, 'chat')!.minRamGb);
    expect(small.every((e) => !e.installed)).toBe(true);
  });

  it('derives safe model ids and per-model vector table names that differ by file', () => {
    expect(modelIdFromFile('/x/Qwen2.5 0.5B Instruct Q8_0.gguf')).toBe('qwen2.5-0.5b-instruct-q8_0');
    expect(modelIdFromFile('C:\\m\\weird#name.GGUF'.split('\\').pop()!)).toBe('weird-name');
    const a = TABLES.vectors(vectorModelKey('bge-small', 'aaaaaaaa11112222'));
    const b = TABLES.vectors(vectorModelKey('bge-small', 'bbbbbbbb11112222'));
    expect(a).toMatch(/^vectors_[A-Za-z0-9_]+$/);
    expect(a).not.toBe(b);
  });

  it('accepts https and hf: URIs, loopback http only', () => {
    expect(() => validateModelUri('https://huggingface.co/x/y/resolve/main/m.gguf')).not.toThrow();
    expect(() => validateModelUri('hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q8_0')).not.toThrow();
    expect(() => validateModelUri('http://127.0.0.1:8080/m.gguf')).not.toThrow();
    expect(() => validateModelUri('http://example.com/m.gguf')).toThrow(/https/);
    expect(() => validateModelUri('not a url')).toThrow(/download address/);
  });

  it('embeds chunks with their document title and section for context', () => {
    expect(embeddingText({ docTitle: 'X200 Manual', sectionPath: 'Faults > E-204', text: 'Low pressure.' })).toBe('X200 Manual — Faults > E-204\nLow pressure.');
    expect(embeddingText({ docTitle: 'T', sectionPath: '', text: 'b' })).toBe('T\nb');
  });

  it('uses the query/document prefixes asymmetric embedding models were trained with', () => {
    expect(embeddingPrefixes('nomic-embed-text-v1.5.Q8_0.gguf')).toEqual({ query: 'search_query: ', document: 'search_document: ' });
    expect(embeddingPrefixes('multilingual-e5-small-q8_0.gguf').query).toBe('query: ');
    expect(embeddingPrefixes('bge-small-en-v1.5-q8_0.gguf').query).toMatch(/^Represent this sentence/);
    expect(embeddingPrefixes('bge-m3-q8_0.gguf')).toEqual({ query: '', document: '' });
    expect(embeddingPrefixes('benchmate-tiny-embed')).toEqual({ query: '', document: '' });
  });
});
