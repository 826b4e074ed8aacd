import type { Detector } from '../detect/create-detector.js';
import type { Finding } from '../detect/finding.js';
import { scanBytes } from '../detect/scan-bytes.js';

/**
 * The keys in a name (a file path, a job or step name): a key there is as leaked as one in a
 * line, since GitHub shows the name to everyone who can read the repository. Each finding's
 * `path` is the name itself; the caller places it with `keyIn` and masks the name before storing.
 */
export function scanName(detector: Detector, name: string): Finding[] {
  return scanBytes(detector, Buffer.from(name, 'utf8'), name);
}
