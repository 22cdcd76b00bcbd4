/**
 * node-llama-cpp is loaded on first use: importing it costs 40+ MB of resident memory (more under
 * tsx), which an import, a search or a CLI command without models never needs. Everything that
 * reads a model file or starts the runtime awaits `loadLlamaModule()`; code that only runs on an
 * already loaded model (a chat engine being attached) takes it synchronously.
 */
type LlamaModule = typeof import('node-llama-cpp');

let loading: Promise<LlamaModule> | undefined;
let loaded: LlamaModule | undefined;

export function loadLlamaModule(): Promise<LlamaModule> {
  loading ??= import('node-llama-cpp').then((m) => (loaded = m));
  return loading;
}

/** The module, once `loadLlamaModule()` has resolved (every model was loaded through it). */
export function llamaModule(): LlamaModule {
  if (!loaded) throw new Error('node-llama-cpp is not loaded yet');
  return loaded;
}
