// Justifies the low-entropy floors of src/detect/key-floor.ts with numbers: generates random keys
// with KeyGenerator, prints the distribution of each measure over their bodies and how many
// random keys the chosen floors would wrongly reject. Run: npx tsx bench/entropy-floor.ts [count]
import { longestSequentialRun, shannonEntropy } from '../src/detect/entropy.js';
import { MAX_SEQUENTIAL_RUN, MIN_BODY_ENTROPY_BITS } from '../src/detect/key-floor.js';
import { KeyGenerator, UNKEY_PREFIX } from '../test/support/keygen.js';

const DEFAULT_COUNT = 1_000_000;
const SEED = 1;
const count = Number(process.argv[2] ?? DEFAULT_COUNT);

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function report(label: string, bodies: () => string): void {
  const entropy = new Float64Array(count);
  const runs = new Float64Array(count);
  let rejected = 0;
  for (let i = 0; i < count; i++) {
    const body = bodies();
    entropy[i] = shannonEntropy(body);
    runs[i] = longestSequentialRun(body);
    if (entropy[i]! < MIN_BODY_ENTROPY_BITS || runs[i]! > MAX_SEQUENTIAL_RUN) rejected++;
  }
  entropy.sort();
  runs.sort();
  const f = (n: number) => n.toFixed(4);
  console.log(`${label} (${count} keys, seed ${SEED})`);
  console.log(
    `  entropy bits/char: min ${f(entropy[0]!)}  q0.0001 ${f(quantile(entropy, 0.0001))}  ` +
      `q0.01 ${f(quantile(entropy, 0.01))}  median ${f(quantile(entropy, 0.5))}  floor ${MIN_BODY_ENTROPY_BITS}`,
  );
  console.log(
    `  longest sequential run: max ${runs[count - 1]}  q0.9999 ${quantile(runs, 0.9999)}  ` +
      `median ${quantile(runs, 0.5)}  limit ${MAX_SEQUENTIAL_RUN}`,
  );
  console.log(`  false rejections at the chosen floors: ${rejected} of ${count}`);
}

const gen = new KeyGenerator(SEED);
// Root key body: the 22 characters after `unkey_3Z`, the part the floor is applied to.
report('root key body', () => gen.rootKey().slice(UNKEY_PREFIX.length + 2));
// API key body: base58 of 16 random bytes (21 or 22 characters).
report('API key body', () => gen.apiKey('acme').slice('acme_'.length));
