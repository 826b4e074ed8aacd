/** One annotation on a line of the check run's commit, as GitHub's Checks API takes it. */
export interface CheckRunAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: 'notice' | 'warning' | 'failure';
  /** Plain text, at most 64 KB. */
  readonly message: string;
  /** At most 255 characters. */
  readonly title?: string;
}

/** A finished check run's verdict and output, ready to send (every string already masked). */
export interface CheckRunOutput {
  readonly conclusion: 'failure' | 'neutral' | 'success';
  readonly title: string;
  /** Markdown, at most {@link GITHUB_TEXT_MAX_CHARS} characters. */
  readonly summary: string;
  /** Markdown, at most {@link GITHUB_TEXT_MAX_CHARS} characters; absent when there is nothing to add. */
  readonly text?: string;
  /** All of them: the publisher sends them 50 per request. */
  readonly annotations: readonly CheckRunAnnotation[];
}

/** GitHub's limit on a check run's `summary` and `text`, and on a review or comment body. */
export const GITHUB_TEXT_MAX_CHARS = 65_535;

/** GitHub's limit on an annotation's title. */
export const ANNOTATION_TITLE_MAX_CHARS = 255;

/**
 * Annotations rendered per check run at most (10 update requests of 50). Beyond it the summary
 * table still lists every finding it has room for, and says how many annotations were left out.
 */
export const MAX_CHECK_RUN_ANNOTATIONS = 500;
