/** What a scan job remembers across its own retries (stored in the job's data: ids only). */
export interface ScanCheckpointData {
  /** The check run the first attempt created; retries update it instead of creating another. */
  readonly checkRunId?: number;
}

/** Reads and writes a job's checkpoint (BullMQ `job.updateData` in the worker). */
export interface JobCheckpoint {
  readonly data: ScanCheckpointData;
  save(patch: ScanCheckpointData): Promise<void>;
  /** This attempt is the last one: a failure now is final. */
  readonly finalAttempt: boolean;
}

/** A checkpoint kept in memory, for one-shot runs and tests. */
export function memoryCheckpoint(finalAttempt = true): JobCheckpoint {
  const state: { data: ScanCheckpointData } = { data: {} };
  return {
    get data() {
      return state.data;
    },
    async save(patch) {
      state.data = { ...state.data, ...patch };
    },
    finalAttempt,
  };
}
