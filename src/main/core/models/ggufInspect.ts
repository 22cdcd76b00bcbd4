import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { GgufFileInfo, Llama } from 'node-llama-cpp';
import { llamaModule, loadLlamaModule } from './llamaModule';
import type { ModelKind } from '../../../shared/contract/models';
import { AppError } from '../platform/errors';

export interface GgufInspection {
  kind: ModelKind;
  architecture: string;
  name: string | null;
  bytes: number;
  fingerprint: string;
  contextLength: number | null;
  embeddingLength: number | null;
  parameters: number | null;
  quantization: string | null;
  hasChatTemplate: boolean;
  warnings: string[];
}

/** Encoder-only families llama.cpp runs as embedding models. */
const ENCODER_ARCHS = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3', 'neo-bert', 'modern-bert', 't5encoder']);
const GGUF_MAGIC = Buffer.from('GGUF', 'latin1');
const FINGERPRINT_SPAN = 1 << 20;

/** size + sha256 of the first and last MiB: identifies a file in milliseconds even at 8 GB. */
export async function fingerprintFile(path: string, bytes: number): Promise<string> {
  const h = createHash('sha256').update(String(bytes));
  const fh = await open(path, 'r');
  try {
    const span = Math.min(FINGERPRINT_SPAN, bytes);
    const head = Buffer.alloc(span);
    await fh.read(head, 0, span, 0);
    h.update(head);
    if (bytes > span) {
      const tail = Buffer.alloc(span);
      await fh.read(tail, 0, span, Math.max(0, bytes - span));
      h.update(tail);
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex').slice(0, 16);
}

async function readMagic(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Validates a GGUF file and classifies it. Errors say what is wrong in words an admin can act
 * on: NOT_FOUND (no file), UNSUPPORTED_FILE (not GGUF / truncated / unknown architecture).
 * A truncated download is caught by comparing the file size with the tensor data the header
 * promises — llama.cpp would otherwise fail much later with an opaque load error.
 */
export async function inspectGguf(path: string, llama: Llama): Promise<GgufInspection> {
  let bytes: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new AppError('UNSUPPORTED_FILE', `${path} is not a file.`);
    bytes = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `Model file not found: ${path}`);
  }
  if (!(await readMagic(path)).equals(GGUF_MAGIC)) {
    throw new AppError('UNSUPPORTED_FILE', 'Not a GGUF model file (missing "GGUF" header). Benchmate needs llama.cpp GGUF models.');
  }
  let info;
  try {
    info = await (await loadLlamaModule()).readGgufFileInfo(path, { readTensorInfo: true, logWarnings: false });
  } catch (e) {
    throw new AppError('UNSUPPORTED_FILE', `The GGUF header is damaged or truncated: ${(e as Error).message}`);
  }
  const insights = await llamaModule().GgufInsights.from(info, llama);
  const architecture = String(info.metadata?.general?.architecture ?? '');
  if (!architecture) throw new AppError('UNSUPPORTED_FILE', 'The GGUF file does not name its architecture.');
  if (!insights.isSupportedByLlamaCpp) {
    throw new AppError('UNSUPPORTED_FILE', `Model architecture "${architecture}" is not supported by this llama.cpp build.`);
  }
  // A tokenizer-only file (llama.cpp ships them as ggml-vocab-*.gguf) has a header but no weights;
  // without this check it would be reported as "truncated (100% of the expected size)".
  if (info.splicedParts <= 1 && (info.fullTensorInfo ?? info.tensorInfo ?? []).length === 0) {
    throw new AppError(
      'UNSUPPORTED_FILE',
      'This GGUF file holds only a tokenizer vocabulary, no model weights, so it cannot answer or embed. Import the model file itself.'
    );
  }
  const alignment = Number((info.metadata?.general as { alignment?: number } | undefined)?.alignment ?? 32);
  const dataStart = Math.ceil((info.infoEndOffset ?? 0) / alignment) * alignment;
  if (info.splicedParts <= 1 && dataStart + insights.modelSize > bytes) {
    const pct = Math.round((bytes / (dataStart + insights.modelSize)) * 100);
    throw new AppError('UNSUPPORTED_FILE', `The model file is truncated (${pct}% of the expected size); download or copy it again.`);
  }
  const tok = info.metadata?.tokenizer as { chat_template?: unknown } | undefined;
  const hasChatTemplate = typeof tok?.chat_template === 'string' && tok.chat_template.length > 0;
  const arch = info.architectureMetadata as { pooling_type?: number; context_length?: number; embedding_length?: number };
  let kind: ModelKind;
  if (insights.supportsRanking) kind = 'ranking';
  else if (ENCODER_ARCHS.has(architecture) || (!hasChatTemplate && arch.pooling_type != null && arch.pooling_type > 0)) kind = 'embedding';
  else if (insights.hasDecoder || !insights.hasEncoder) kind = 'chat';
  else throw new AppError('UNSUPPORTED_FILE', `Model architecture "${architecture}" is neither a chat nor an embedding model.`);

  const fileType = (info.metadata?.general as { file_type?: number } | undefined)?.file_type;
  return {
    kind,
    architecture,
    name: typeof info.metadata?.general?.name === 'string' ? info.metadata.general.name : null,
    bytes,
    fingerprint: await fingerprintFile(path, bytes),
    contextLength: insights.trainContextSize ?? arch.context_length ?? null,
    embeddingLength: insights.embeddingVectorSize ?? arch.embedding_length ?? null,
    parameters: insights.totalParameters || null,
    quantization: fileType != null ? fileTypeName(fileType) : null,
    hasChatTemplate,
    warnings: [...(kind === 'chat' && !hasChatTemplate ? [noTemplateWarning(info, path)] : []), ...insights.getWarnings(path)]
  };
}

/**
 * A chat model without a chat template still loads: node-llama-cpp then picks a prompt format from
 * the file's name and architecture, or its general format. Say which, because a model trained on
 * another format answers noticeably worse.
 */
function noTemplateWarning(info: GgufFileInfo, path: string): string {
  const resolved = llamaModule().resolveChatWrapper({ fileInfo: info, filename: path, warningLogs: false, noJinja: true });
  const format = resolved?.wrapperName ?? 'General';
  return `This chat model has no chat template; Benchmate formats the conversation with the "${format}" prompt format, which may not be the one it was trained on. Prefer a file that includes its chat template.`;
}

const FILE_TYPES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K', 11: 'Q3_K_S', 12: 'Q3_K_M',
  13: 'Q3_K_L', 14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S', 17: 'Q5_K_M', 18: 'Q6_K', 32: 'BF16'
};
const fileTypeName = (t: number): string => FILE_TYPES[t] ?? `type ${t}`;
