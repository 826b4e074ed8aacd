import { z } from 'zod';
import type { ScanJob } from './scan-job.js';

// A BullMQ custom job id may not be an integer and may not hold `:`; GitHub's delivery ids are
// GUIDs, so anything else is refused rather than rewritten.
const deliveryId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/)
  .refine((id) => `${parseInt(id, 10)}` !== id, { error: 'a delivery id may not be an integer' });
const id = z.number().int().positive();
const sha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/);
const name = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/);

const base = {
  deliveryId,
  installationId: id,
  owner: name,
  repo: name,
  repoPublic: z.boolean(),
  rescan: z.boolean().optional(),
  receivedAt: z.number().int().positive().optional(),
};

/** `ScanJob`, checked: ids, SHAs and names only, nothing else (strict objects). */
export const scanJobSchema: z.ZodType<ScanJob> = z.discriminatedUnion('kind', [
  z.strictObject({
    ...base,
    kind: z.literal('push'),
    ref: z.string().regex(/^refs\/[^\s:]{1,250}$/),
    before: sha,
    after: sha,
    baseBranch: z.string().min(1).max(250).optional(),
    forced: z.boolean(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('pull_request'),
    pullNumber: id,
    baseSha: sha,
    headSha: sha,
    before: sha.optional(),
  }),
  z.strictObject({ ...base, kind: z.literal('workflow_job'), runId: id, jobId: id, headSha: sha }),
  z.strictObject({ ...base, kind: z.literal('workflow_run'), runId: id, headSha: sha }),
  z.strictObject({ ...base, kind: z.literal('secret_scanning_alert'), alertNumber: id }),
  z.strictObject({
    ...base,
    kind: z.literal('repository_history'),
    repositoryId: id,
    reason: z.enum(['installed', 'added']),
  }),
]);
