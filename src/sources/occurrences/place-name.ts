/** A name of a place (rather than a line's text) that can hold a key. */
export type PlaceName = 'path' | 'author' | 'jobName' | 'step' | 'archiveEntry';
