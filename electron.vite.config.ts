import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main is ESM because node-llama-cpp is ESM-only. The preload must be CommonJS: a sandboxed
// preload (sandbox: true) cannot load an ES module, so it is bundled to out/preload/index.cjs.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve('src/main/app/bootstrap.ts') }
      }
    }
  },
  preload: {
    // Bundle everything (zod included): a sandboxed preload cannot require node_modules.
    // electron-vite 5 externalizes dependencies by default, so switch that off here.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
});
