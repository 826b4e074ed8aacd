// Types for eslint.config.js, so that test/eslint-import-table.test.ts can read its table.
import type { Linter } from 'eslint';

/** What each folder of src/ may import of ours (see eslint.config.js). */
export declare const mayImport: Readonly<Record<string, readonly string[]>>;

declare const config: Linter.Config[];
export default config;
