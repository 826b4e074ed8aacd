// Preloaded (`node --import`) into a `rootguard worker` process by tests that crash it: the
// moment the playbook record named by RG_TEST_STOP_AT is reached, the process stops itself
// (SIGSTOP), so the test's SIGKILL lands exactly there and not a few fast steps later.
//   RG_TEST_STOP_AT=contain                    once the contain step's outcome is saved (RunStore.finishStep)
//   RG_TEST_STOP_AT=contain:rerollRequestedAt  once a contain checkpoint holding that detail is saved (RunStore.saveStep)
//   RG_TEST_STOP_AT=before:contain             when the contain step has done its work and is about to
//                                              save its outcome: side effects done, not recorded
//   RG_TEST_STOP_AT=before:distribute:set      about to save a distribute checkpoint holding `set`
//                                              (a secret was PUT, the checkpoint does not say so yet)
// Plain JavaScript (node 20 loads it without a TypeScript loader); it patches the built
// RunStore, the same module instance the worker uses. Not part of rootguard.
import { URL } from 'node:url';

const { RunStore } = await import(new URL('../../dist/src/incidents/run-store.js', import.meta.url).href);

const parts = (process.env.RG_TEST_STOP_AT ?? '').split(':');
const before = parts[0] === 'before';
const [step, detailField] = before ? parts.slice(1) : parts;

/** Wraps a RunStore method: once a matching record is written (or, `before`, about to be), stop this process. */
function stopAt(method, matches) {
  const original = RunStore.prototype[method];
  RunStore.prototype[method] = async function (incidentId, run, record, ...rest) {
    const hit = record.step === step && matches(record);
    if (hit && before) process.kill(process.pid, 'SIGSTOP');
    const result = await original.call(this, incidentId, run, record, ...rest);
    if (hit && !before) process.kill(process.pid, 'SIGSTOP');
    return result;
  };
}

if (step && detailField)
  stopAt('saveStep', (record) => record.outcome === undefined && record.detail?.[detailField] !== undefined);
else if (step) stopAt('finishStep', (record) => record.outcome !== undefined);
