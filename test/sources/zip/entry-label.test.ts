import { describe, expect, it } from 'vitest';
import { entryJobStep, entryLabel } from '../../../src/sources/zip/entry-label.js';
import { isNestedArchive } from '../../../src/sources/zip/nested-archive.js';

describe('entryLabel', () => {
  it('shows any bytes as a safe one-line label', () => {
    expect(entryLabel(Buffer.from('build/3_Run tests.txt'))).toBe('build/3_Run tests.txt');
    expect(entryLabel(Buffer.from('a\u0000b\nc\u202Ed'))).toBe('a?b?c?d');
    expect(entryLabel(Buffer.from([0xc3, 0x28]))).toBe('\uFFFD(');
    expect([...entryLabel(Buffer.from('x'.repeat(500)))]).toHaveLength(201);
  });
});

describe('entryJobStep', () => {
  it('reads job and step from the entry name', () => {
    expect(entryJobStep('build/3_Run tests.txt')).toEqual({ job: 'build', step: 'Run tests' });
    expect(entryJobStep('1_build.txt')).toEqual({ job: 'build' });
    expect(entryJobStep('test (ubuntu, 20)/12_Post Run actions_checkout@v4.txt')).toEqual({
      job: 'test (ubuntu, 20)',
      step: 'Post Run actions_checkout@v4',
    });
  });
});

describe('isNestedArchive', () => {
  it('knows archives by name or by magic bytes', () => {
    expect(isNestedArchive('logs.tar.gz', Buffer.from('text'))).toBe(true);
    expect(isNestedArchive('x.txt', Buffer.from([0x50, 0x4b, 3, 4]))).toBe(true);
    expect(isNestedArchive('x.txt', Buffer.from([0x1f, 0x8b]))).toBe(true);
    expect(isNestedArchive('x.txt', Buffer.from('PK but text'))).toBe(false);
  });
});
