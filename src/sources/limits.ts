// Every limit of src/sources, named once. Hitting one ends a scan as `incomplete` with a reason
// naming it (the reason code is given with each constant); none of them ever makes a scan "clean".

const KIB = 1024;
const MIB = 1024 * KIB;

/** Commits the compare API lists in one answer; a larger range goes to the clone path (`compare-max-commits`). */
export const COMPARE_MAX_COMMITS = 250;
/** Files the compare API lists at most; a one-commit range with this many is read through the commit API. */
export const COMPARE_MAX_FILES = 300;
/** Commits the pull request commits API lists at most; beyond, the clone path. */
export const PULL_MAX_COMMITS = 250;
/** Files the commit API lists at most (paginated); a commit with this many goes to the clone path. */
export const COMMIT_MAX_FILES = 3000;
/** Files per page asked of the commit API. */
export const COMMIT_FILES_PER_PAGE = 100;
/** Commits fetched from the API at the same time (GitHub counts concurrent requests against abuse limits). */
export const COMMIT_FETCH_CONCURRENCY = 4;
/** Largest blob fetched for a file the API shows without a patch (binary or too large); larger: `max-blob-bytes`. */
export const MAX_BLOB_BYTES = 10 * MIB;
/** Bytes of added lines or blobs scanned per push or pull request scan; beyond: `max-scan-bytes`. */
export const MAX_SCAN_BYTES = 256 * MIB;
/** Time for the clone path's git commands together (clone, fetches, log); beyond: `git-timeout`. */
export const GIT_TIMEOUT_MS = 10 * 60 * 1000;
/** Bytes of one job's log scanned; beyond: `max-job-log-bytes`. */
export const MAX_JOB_LOG_BYTES = 64 * MIB;
/** Times a job log or run archive link is asked of the API when the download link has expired (`log-link-expired`). */
export const LOG_LINK_ATTEMPTS = 3;
/** Bytes of a run's log archive downloaded (counted while downloading); beyond: `zip-max-archive-bytes`. */
export const ZIP_MAX_ARCHIVE_BYTES = 128 * MIB;
/** Entries read from a run's log archive; beyond: `zip-max-entries`. */
export const ZIP_MAX_ENTRIES = 10_000;
/** Bytes inflated from one archive entry (counted while inflating, headers not trusted); beyond: `zip-max-entry-bytes`. */
export const ZIP_MAX_ENTRY_BYTES = 64 * MIB;
/** Bytes inflated from the whole archive; beyond: `zip-max-total-bytes`. */
export const ZIP_MAX_TOTAL_BYTES = 512 * MIB;
/** Largest inflated/compressed ratio of an entry once past `ZIP_RATIO_MIN_BYTES`; beyond: `zip-ratio`. */
export const ZIP_MAX_RATIO = 200;
/** Inflated bytes below which the ratio is not judged: small, repetitive logs compress very well. */
export const ZIP_RATIO_MIN_BYTES = 1 * MIB;
/** Bytes of a job log's line kept to read its timestamp and `##[group]` marker. */
export const LOG_LINE_HEAD_BYTES = 4 * KIB;
/** Occurrences `readLeakedKey` tries, newest first, before it gives up on the rest. */
export const MAX_LEAKED_KEY_READS = 20;
/**
 * Bytes scanned between two turns of the event loop. Detection is synchronous and hostile text
 * (dense key leads) scans at about 1 MB/s in the worst case: slices keep each turn well under a
 * second, so BullMQ renews the job's lock however large the push or blob.
 */
export const SCAN_SLICE_BYTES = 64 * KIB;
