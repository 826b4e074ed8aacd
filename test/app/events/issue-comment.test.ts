import { describe, expect, it } from 'vitest';
import { WebhookInputError } from '../../../src/app/errors.js';
import { issueCommentToCommandJob, parseCommandLine } from '../../../src/app/events/issue-comment.js';
import { webhookExample } from '../../support/webhook-examples.js';

const identity = { appId: 1, botLogin: 'rootguard[bot]' };

/** GitHub's example comment, on an installation, with `body` as its text. */
function comment(body: string) {
  const payload = webhookExample('issue_comment', 'created');
  return { ...payload, installation: { id: 7 }, comment: { ...payload.comment, body } };
}

describe('parseCommandLine', () => {
  it('reads the word after /rootguard on the first line, in any case, with whitespace around', () => {
    expect(parseCommandLine('/rootguard approve')).toBe('approve');
    expect(parseCommandLine('  /ROOTGUARD   False-Positive  \r\nbecause it is a test fixture')).toBe(
      'false-positive',
    );
    expect(parseCommandLine('/rootguard retry\n/rootguard approve')).toBe('retry');
  });

  it('asks for help for any other word, several words or none', () => {
    expect(parseCommandLine('/rootguard')).toBe('help');
    expect(parseCommandLine('/rootguard revoke')).toBe('help');
    expect(parseCommandLine('/rootguard approve now')).toBe('help');
    expect(parseCommandLine('/rootguard help')).toBe('help');
  });

  it('is no command unless the first line starts with /rootguard as a word', () => {
    expect(parseCommandLine('please /rootguard approve')).toBeUndefined();
    expect(parseCommandLine('/rootguardapprove')).toBeUndefined();
    expect(parseCommandLine('looks fine\n/rootguard approve')).toBeUndefined();
    expect(parseCommandLine('')).toBeUndefined();
  });
});

describe('issueCommentToCommandJob', () => {
  it('makes a command job with the issue, the comment and the author', () => {
    const payload = comment('/rootguard approve');
    expect(issueCommentToCommandJob('d-1', payload, identity)).toEqual({
      deliveryId: 'd-1',
      installationId: 7,
      repo: payload.repository.full_name,
      actor: payload.sender.login,
      command: 'approve',
      source: { kind: 'issue', issueNumber: payload.issue.number, commentId: payload.comment.id },
    });
  });

  it('skips comments that are not commands, by bots, and by rootguard itself', () => {
    expect(issueCommentToCommandJob('d', comment('LGTM'), identity)).toHaveProperty('skip');
    const bot = comment('/rootguard approve');
    bot.sender = { ...bot.sender, login: 'dependabot[bot]', type: 'Bot' };
    expect(issueCommentToCommandJob('d', bot, identity)).toEqual({ skip: 'a comment by a bot' });
    const own = comment('/rootguard help');
    own.sender = { ...own.sender, login: 'rootguard[bot]' };
    expect(issueCommentToCommandJob('d', own, identity)).toEqual({ skip: "rootguard's own comment" });
  });

  it('refuses a payload without an installation', () => {
    const payload = comment('/rootguard retry');
    delete payload.installation;
    expect(() => issueCommentToCommandJob('d', payload, identity)).toThrow(WebhookInputError);
  });
});
