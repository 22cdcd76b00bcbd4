/**
 * node-llama-cpp, loaded on first use. Importing it costs about a second (its native addon
 * loader and dependencies), which a CLI `docs`/`search` call, or a window that only browses the
 * library, must not pay. Model code imports its types statically and its values through this.
 */
export type LlamaBindings = typeof import('node-llama-cpp');

let bindings: Promise<LlamaBindings> | undefined;

export function llamaBindings(): Promise<LlamaBindings> {
  bindings ??= import('node-llama-cpp');
  return bindings;
}
