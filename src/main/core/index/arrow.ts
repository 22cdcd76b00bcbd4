import { createRequire } from 'node:module';

/**
 * apache-arrow as LanceDB itself loads it: the CommonJS build. An ES `import … from
 * 'apache-arrow'` resolves to the package's separate ESM build — a second copy of the library
 * (~130 more modules, 0.25-0.35 s at every start measured by bench:cli) whose classes are not the
 * ones LanceDB checks its schemas against. Types still come from `import type`.
 */
const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

export const { Field, FixedSizeList, Float32, Float64, Int32, List, Schema, Utf8 } = arrow;
