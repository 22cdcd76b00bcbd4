import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// Main is ESM because node-llama-cpp is ESM-only. The preload must be CommonJS: a sandboxed
// preload (sandbox: true) cannot load an ES module, so it is bundled to out/preload/index.cjs.
/**
 * electron-vite's ESM "CommonJS shims" plugin finds the last `import` with a regex and inserts
 * the shim after it — but the regex also matches code such as `warn('… import', {…})`, so the
 * shim lands inside a string and the build fails ("Unterminated string literal"). This post
 * plugin runs right after it and moves the shim to the top of the chunk; ES imports are hoisted,
 * so that position is always valid.
 */
function hoistCjsShim(): Plugin {
  const begin = '\n// -- CommonJS Shims --\n';
  const endMarker = 'createRequire(import.meta.url);\n';
  return {
    name: 'benchmate:hoist-cjs-shim',
    apply: 'build',
    enforce: 'post',
    renderChunk(code) {
      const start = code.indexOf(begin);
      if (start <= 0) return null;
      const end = code.indexOf(endMarker, start);
      if (end < 0) return null;
      const shim = code.slice(start, end + endMarker.length);
      return { code: shim.trimStart() + code.slice(0, start) + code.slice(end + endMarker.length), map: null };
    }
  };
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin(), hoistCjsShim()],
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/app/bootstrap.ts'),
          // worker_threads entry for PDF parsing; pdfParser.ts looks for out/main/pdfWorker.js
          pdfWorker: resolve('src/main/core/library/pdf/pdfWorker.ts'),
          // worker_threads entry for OCR (render + tesseract.js); ocrPool.ts looks for out/main/ocrWorker.js
          ocrWorker: resolve('src/main/core/library/ocr/ocrWorker.ts')
        }
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
