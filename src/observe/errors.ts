/** The worker's health port could not be opened (taken, or not an address of this host). */
export class HealthPortError extends Error {
  override readonly name = 'HealthPortError';
  readonly code = 'health-port';
}
