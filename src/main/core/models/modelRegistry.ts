import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { modelInfo, type ModelInfo } from '../../../shared/contract/models';
import { readJsonIfExists, writeJsonAtomic } from '../platform/atomicFile';
import { AppError } from '../platform/errors';
import type { GgufInspection } from './ggufInspect';

const registryFile = z.object({ version: z.literal(1), models: z.array(modelInfo) });

/** File stem -> id: lower-case, safe for file names and table keys. */
export function modelIdFromFile(fileName: string): string {
  const stem = basename(fileName).replace(/\.gguf$/i, '');
  return stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}

/**
 * The list of known model files, persisted as <models>/registry.json. Copied and downloaded
 * files live in the models folder; referenced files stay where the admin keeps them (a shared
 * drive, a USB stick) and are re-validated when loaded.
 */
export class ModelRegistry {
  private models: ModelInfo[] = [];
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'registry.json');
  }

  async load(): Promise<void> {
    const raw = await readJsonIfExists(this.file);
    const parsed = raw === undefined ? null : registryFile.safeParse(raw);
    this.models = parsed?.success ? parsed.data.models : [];
  }

  list(): ModelInfo[] {
    return this.models.map((m) => ({ ...m }));
  }

  get(id: string): ModelInfo | undefined {
    return this.models.find((m) => m.id === id);
  }

  require(id: string): ModelInfo {
    const m = this.get(id);
    if (!m) throw new AppError('NOT_FOUND', `No model with id "${id}".`);
    return m;
  }

  /** True when `path` is inside the models folder (so removing the model may delete it). */
  owns(path: string): boolean {
    return resolve(dirname(path)) === resolve(this.dir);
  }

  findByFingerprint(fingerprint: string): ModelInfo | undefined {
    return this.models.find((m) => m.fingerprint === fingerprint);
  }

  /** Adds a validated file. `copy` copies into the models folder under a unique name first. */
  async add(srcPath: string, inspection: GgufInspection, source: ModelInfo['source'], copy: boolean): Promise<ModelInfo> {
    const dup = this.findByFingerprint(inspection.fingerprint);
    if (dup) throw new AppError('DUPLICATE', `This model is already installed as "${dup.id}".`, { id: dup.id });
    const id = this.uniqueId(modelIdFromFile(srcPath));
    let path = resolve(srcPath);
    if (copy && !this.owns(path)) {
      path = join(this.dir, `${id}.gguf`);
      const tmp = `${path}.importing`;
      try {
        await copyFile(srcPath, tmp);
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw new AppError('INTERNAL', `Could not copy the model into the models folder: ${(e as Error).message}`);
      }
    }
    const info: ModelInfo = {
      id,
      name: inspection.name || basename(srcPath),
      kind: inspection.kind,
      architecture: inspection.architecture,
      fileName: basename(path),
      path,
      source,
      bytes: inspection.bytes,
      fingerprint: inspection.fingerprint,
      contextLength: inspection.contextLength,
      embeddingLength: inspection.embeddingLength,
      parameters: inspection.parameters,
      quantization: inspection.quantization,
      hasChatTemplate: inspection.hasChatTemplate,
      addedAt: new Date().toISOString(),
      warnings: inspection.warnings
    };
    this.models.push(info);
    await this.save();
    return { ...info };
  }

  async remove(id: string): Promise<ModelInfo | undefined> {
    const m = this.get(id);
    if (!m) return undefined;
    this.models = this.models.filter((x) => x.id !== id);
    await this.save();
    if (m.source !== 'referenced' && this.owns(m.path)) await rm(m.path, { force: true });
    return m;
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let i = 2; this.get(id); i++) id = `${base}-${i}`;
    return id;
  }

  private save(): Promise<void> {
    return writeJsonAtomic(this.file, { version: 1, models: this.models });
  }
}
