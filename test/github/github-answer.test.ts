import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from '../../src/github/github-answer.js';
import { webUrlFor } from '../../src/github/web-url.js';

const answer = (status: number, headers: Record<string, string>, message = '') =>
  Object.assign(new Error(message), { status, response: { headers, data: { message } } });

describe('rateLimitWaitMs', () => {
  it("reads Retry-After, then the primary limit's reset, else a minute for a secondary limit", () => {
    expect(rateLimitWaitMs(answer(403, { 'retry-after': '7' }))).toBe(7_000);
    expect(rateLimitWaitMs(answer(429, { 'retry-after': '0' }))).toBe(1_000);
    const now = 1_700_000_000_000;
    expect(
      rateLimitWaitMs(
        answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }),
        now,
      ),
    ).toBe(30_000);
    expect(rateLimitWaitMs(answer(403, {}, 'You have exceeded a secondary rate limit'))).toBe(60_000);
  });

  it('is undefined for answers that are no rate limit', () => {
    expect(rateLimitWaitMs(answer(403, {}, 'Resource not accessible by integration'))).toBeUndefined();
    expect(rateLimitWaitMs(answer(502, {}))).toBeUndefined();
    expect(rateLimitWaitMs(new Error('socket hang up'))).toBeUndefined();
  });
});

describe('webUrlFor', () => {
  it('maps the API URL to the web: github.com, GHES, or the URL itself', () => {
    expect(webUrlFor('https://api.github.com')).toBe('https://github.com');
    expect(webUrlFor('https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com');
    expect(webUrlFor('http://127.0.0.1:4567')).toBe('http://127.0.0.1:4567');
  });
});
