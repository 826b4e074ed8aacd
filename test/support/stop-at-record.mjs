// Preloaded (`node --import`) into a `rootguard worker` process by tests that crash it: the
// moment Redis has acknowledged the playbook record named by RG_TEST_STOP_AT, the process stops
// itself (SIGSTOP), so the test's SIGKILL lands exactly there and not a few fast steps later.
//   RG_TEST_STOP_AT=contain                    the contain step's outcome (RunStore.finishStep)
//   RG_TEST_STOP_AT=contain:rerollRequestedAt  a contain checkpoint holding that detail (RunStore.saveStep)
// Plain JavaScript (node 20 loads it without a TypeScript loader); it patches the built
// RunStore, the same module instance the worker uses. Not part of rootguard.
import { URL } from 'node:url';

const { RunStore } = await import(new URL('../../dist/src/incidents/run-store.js', import.meta.url).href);

const [step, detailField] = (process.env.RG_TEST_STOP_AT ?? '').split(':');

/** Wraps a RunStore method: once a matching record is written, stop this process. */
function stopAfter(method, matches) {
  const original = RunStore.prototype[method];
  RunStore.prototype[method] = async function (incidentId, run, record, ...rest) {
    const result = await original.call(this, incidentId, run, record, ...rest);
    if (record.step === step && matches(record)) process.kill(process.pid, 'SIGSTOP');
    return result;
  };
}

if (step && detailField)
  stopAfter(
    'saveStep',
    (record) => record.outcome === undefined && record.detail?.[detailField] !== undefined,
  );
else if (step) stopAfter('finishStep', (record) => record.outcome !== undefined);
