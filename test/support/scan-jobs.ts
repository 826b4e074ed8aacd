/** A 40-character SHA made of one repeated hex character (`sha('a')`), for readable job fixtures. */
export const sha = (c: string): string => c.repeat(40);

/** The fields every scan job carries, for tests that build jobs by hand. */
export const JOB_FIELDS = {
  deliveryId: 'd',
  installationId: 1,
  owner: 'o',
  repo: 'r',
  repoPublic: true,
} as const;
