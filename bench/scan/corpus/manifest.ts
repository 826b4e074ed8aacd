// The ground truth of a generated corpus: where every key and every near-miss was planted.
import type { DecoderId, RuleId } from '../../../src/detect/finding.js';

/** Which root-key format a planted key has. */
export type KeyFormat = 'current' | 'v1';

/** A planted root key: the detector must report it exactly once, on this path and line. */
export interface KeyEntry {
  /** Path relative to the corpus root, with `/` separators. */
  readonly path: string;
  /** 1-based line of the key, or of the encoded text that holds it. */
  readonly line: number;
  /** 1-based column in Unicode code points of the key or of the encoded text. */
  readonly column: number;
  /** Length in code points of the text at `column` (the key, or the encoded text that holds it). */
  readonly length: number;
  readonly ruleId: RuleId;
  readonly format: KeyFormat;
  /** `base64(sha256(key))`: what a finding must carry. */
  readonly fingerprint: string;
  /** How the key is written (`plain-env`, `k8s-secret-data`, ...). */
  readonly form: string;
  /** The decoders that lead from the text at `column` to the key, outermost first. */
  readonly decodedFrom: readonly DecoderId[];
  /** A form outside the detector's contract: reported, but not counted in precision and recall. */
  readonly probe: boolean;
  /** The line holds a plain current-format key shape (what ripgrep counts). */
  readonly plainMatch: boolean;
}

/** A planted near-miss: the detector must report nothing on its line. */
export interface NearMissEntry {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly length: number;
  /** `placeholder`, `identifier`, `masked`, `wrong-length`, ... */
  readonly category: string;
  /** The variant within the category, e.g. `repeated-char` or `sha256-hex`. */
  readonly variant: string;
  /** `base64(sha256(text))` of the near-miss text, so a test can check the entry points at it. */
  readonly fingerprint: string;
  /** The line holds a plain current-format key shape (what ripgrep counts). */
  readonly plainMatch: boolean;
}

export interface CorpusManifest {
  /** The generator version that wrote the corpus. */
  readonly generator: number;
  readonly seed: number;
  readonly sizeMb: number;
  /** Corpus directory relative to the manifest file. */
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  readonly keys: readonly KeyEntry[];
  readonly nearMisses: readonly NearMissEntry[];
}
