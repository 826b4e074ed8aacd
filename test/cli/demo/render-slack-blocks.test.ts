import { describe, expect, it } from 'vitest';
import { renderSlackBlocks } from '../../../src/cli/demo/render-slack-blocks.js';

describe('renderSlackBlocks (the demo shows Slack messages as the channel would)', () => {
  it('lays out a header, fields, sections, context and buttons as lines', () => {
    const text = renderSlackBlocks({
      text: 'fallback',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Leaked key' } },
        {
          type: 'section',
          fields: [{ type: 'mrkdwn', text: '*Repository*\nacme/api' }],
        },
        { type: 'section', text: { type: 'mrkdwn', text: 'see <https://x.test/1|issue #1> &amp; act' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'incident `inc_1`' }] },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: 'https://x.test/1' }],
        },
      ],
    });
    expect(text).toBe(
      '# Leaked key\n*Repository* acme/api\nsee issue #1 (https://x.test/1) & act\n(incident `inc_1`)\n---\n[Open] https://x.test/1',
    );
  });

  it('is empty for a message without blocks', () => {
    expect(renderSlackBlocks({ text: 'only text' })).toBe('');
  });
});
