import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Llama } from 'node-llama-cpp';
import { loadLlamaModule } from './llamaModule';
import type { Logger } from '../platform/logger';

export type GpuSetting = 'auto' | 'off' | 'cuda' | 'vulkan' | 'metal';

/**
 * Physical core count. llama.cpp is memory-bound per core, and hyper-threads (and
 * node-llama-cpp's default of 4 threads on a 2-core laptop) make generation dramatically slower,
 * so we count cores, not logical CPUs. Linux: unique (physical id, core id) pairs.
 */
export function physicalCores(): number {
  const logical = Math.max(1, cpus().length);
  if (process.platform === 'linux') {
    try {
      const text = readFileSync('/proc/cpuinfo', 'utf8');
      const pairs = new Set<string>();
      for (const block of text.split(/\n\s*\n/)) {
        const phys = /physical id\s*:\s*(\d+)/.exec(block)?.[1];
        const core = /core id\s*:\s*(\d+)/.exec(block)?.[1];
        if (phys !== undefined && core !== undefined) pairs.add(`${phys}:${core}`);
      }
      if (pairs.size > 0) return Math.min(pairs.size, logical);
    } catch {
      /* fall through */
    }
  }
  // Other OSes do not expose cores cheaply; assume 2-way SMT on big x64 machines.
  return process.arch === 'x64' && logical >= 8 ? Math.floor(logical / 2) : logical;
}

/**
 * One llama.cpp runtime per core, created on first use (startup must not pay for it).
 * GPU 'auto' tries the prebuilt GPU backends and falls back to CPU when none works — a
 * technician's laptop often has a GPU without drivers.
 */
export class LlamaRuntime {
  private llamaPromise: Promise<Llama> | null = null;
  private gpuInUse: string = 'unknown';

  constructor(
    private readonly opts: { gpu: () => GpuSetting; threads: () => number; logger: Logger }
  ) {}

  threads(): number {
    const t = this.opts.threads();
    return t > 0 ? t : physicalCores();
  }

  gpu(): string {
    return this.gpuInUse;
  }

  llama(): Promise<Llama> {
    this.llamaPromise ??= this.create().catch((e) => {
      this.llamaPromise = null;
      throw e;
    });
    return this.llamaPromise;
  }

  private async create(): Promise<Llama> {
    const { getLlama, LlamaLogLevel } = await loadLlamaModule();
    const setting = this.opts.gpu();
    const log = this.opts.logger;
    const base = { build: 'never' as const, logLevel: LlamaLogLevel.error, progressLogs: false, skipDownload: true };
    if (setting !== 'off') {
      try {
        const llama = await getLlama({ ...base, gpu: setting === 'auto' ? 'auto' : setting });
        this.gpuInUse = llama.gpu === false ? 'cpu' : llama.gpu;
        log.info('llama runtime ready', { gpu: this.gpuInUse, threads: this.threads() });
        return llama;
      } catch (e) {
        log.warn('GPU runtime unavailable, falling back to CPU', { error: e, gpu: setting });
      }
    }
    const llama = await getLlama({ ...base, gpu: false });
    this.gpuInUse = 'cpu';
    log.info('llama runtime ready', { gpu: 'cpu', threads: this.threads() });
    return llama;
  }

  async dispose(): Promise<void> {
    const p = this.llamaPromise;
    this.llamaPromise = null;
    if (p) await (await p.catch(() => null))?.dispose();
  }
}
