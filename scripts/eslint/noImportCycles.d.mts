import type { Rule } from 'eslint';

/** See noImportCycles.mjs. */
export declare const noImportCycles: Rule.RuleModule;
