/** The playbook's steps, in the order they run: the names under which a run records them. */
export const STEP_NAMES = [
  'verify',
  'identify',
  'gate',
  'contain',
  'distribute',
  'confirm',
  'audit',
  'flag',
  'purge',
  'report',
] as const;
export type StepName = (typeof STEP_NAMES)[number];
