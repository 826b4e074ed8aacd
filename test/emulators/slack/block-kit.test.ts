import { IncomingWebhook } from '@slack/webhook';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_CONTEXT_ELEMENTS,
  MAX_HEADER_TEXT,
  MAX_ID_LENGTH,
  MAX_SECTION_FIELD_TEXT,
  MAX_SECTION_FIELDS,
  MAX_SECTION_TEXT,
  MAX_URL_LENGTH,
} from '../../../emulators/slack/block-kit.js';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack/slack-emulator.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const button = (over: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain('Open'),
  action_id: 'open',
  url: 'https://example.com',
  ...over,
});

describe('Slack emulator: Block Kit checks', () => {
  let slack: SlackEmulator;
  let webhook: IncomingWebhook;
  beforeAll(async () => {
    slack = await startSlackEmulator();
    webhook = new IncomingWebhook(slack.webhookUrl('blocks'));
  });
  let seen = 0;
  // Each test looks only at the violations it caused.
  const violations = () => slack.violations.slice(seen);
  beforeEach(() => {
    seen = slack.violations.length;
  });
  afterAll(async () => {
    await slack.close();
  });

  const send = (blocks: unknown[]) => webhook.send({ text: 'fallback', blocks } as never);

  it('accepts every limit at its maximum', async () => {
    const blocks = [
      { type: 'header', text: plain(x(MAX_HEADER_TEXT)), block_id: x(MAX_ID_LENGTH) },
      { type: 'section', text: mrkdwn(x(MAX_SECTION_TEXT)) },
      {
        type: 'section',
        fields: Array.from({ length: MAX_SECTION_FIELDS }, () => mrkdwn(x(MAX_SECTION_FIELD_TEXT))),
        accessory: button(),
      },
      { type: 'context', elements: Array.from({ length: MAX_CONTEXT_ELEMENTS }, () => plain('c')) },
      {
        type: 'actions',
        elements: [
          button({ text: plain(x(MAX_BUTTON_TEXT)), url: `https://e.com/${x(MAX_URL_LENGTH - 14)}` }),
          button({ action_id: x(MAX_ID_LENGTH), style: 'danger' }),
        ],
      },
      ...Array.from({ length: MAX_BLOCKS - 5 }, () => ({ type: 'divider' })),
    ];
    await expect(send(blocks)).resolves.toEqual({ text: 'ok' });
    expect(violations()).toEqual([]);
  });

  it.each([
    [
      'too many blocks',
      Array.from({ length: MAX_BLOCKS + 1 }, () => ({ type: 'divider' })),
      'blocks: more than 50',
    ],
    [
      'a long header',
      [{ type: 'header', text: plain(x(MAX_HEADER_TEXT + 1)) }],
      'blocks[0].text.text: longer than 150',
    ],
    ['a mrkdwn header', [{ type: 'header', text: mrkdwn('h') }], 'blocks[0].text.type: must be plain_text'],
    ['a long section', [{ type: 'section', text: mrkdwn(x(MAX_SECTION_TEXT + 1)) }], 'longer than 3000'],
    [
      'too many fields',
      [{ type: 'section', fields: Array.from({ length: MAX_SECTION_FIELDS + 1 }, () => mrkdwn('f')) }],
      'blocks[0].fields: more than 10',
    ],
    [
      'a long field',
      [{ type: 'section', fields: [mrkdwn(x(MAX_SECTION_FIELD_TEXT + 1))] }],
      'blocks[0].fields[0].text: longer than 2000',
    ],
    ['an empty section', [{ type: 'section' }], 'needs text or fields'],
    [
      'a crowded context',
      [{ type: 'context', elements: Array.from({ length: MAX_CONTEXT_ELEMENTS + 1 }, () => plain('c')) }],
      'blocks[0].elements: more than 10',
    ],
    [
      'a long button text',
      [{ type: 'actions', elements: [button({ text: plain(x(MAX_BUTTON_TEXT + 1)) })] }],
      'blocks[0].elements[0].text.text: longer than 75',
    ],
    [
      'a long button url',
      [{ type: 'actions', elements: [button({ url: x(MAX_URL_LENGTH + 1) })] }],
      'blocks[0].elements[0].url: longer than 3000',
    ],
    [
      'a long action_id',
      [{ type: 'actions', elements: [button({ action_id: x(MAX_ID_LENGTH + 1) })] }],
      'action_id: longer than 255',
    ],
    [
      'a repeated action_id',
      [{ type: 'actions', elements: [button(), button()] }],
      'action_id: "open" is not unique',
    ],
    ['a long block_id', [{ type: 'divider', block_id: x(MAX_ID_LENGTH + 1) }], 'block_id: longer than 255'],
    [
      'a repeated block_id',
      [
        { type: 'divider', block_id: 'a' },
        { type: 'divider', block_id: 'a' },
      ],
      'blocks[1].block_id: "a" is not unique',
    ],
    [
      'a bad text object',
      [{ type: 'section', text: { type: 'html', text: 'x' } }],
      'must be plain_text or mrkdwn',
    ],
    ['an empty text', [{ type: 'section', text: mrkdwn('') }], 'must be a non-empty string'],
    ['an unknown field', [{ type: 'divider', colour: 'red' }], 'unknown field "colour"'],
    ['a block type the emulator does not check', [{ type: 'video' }], '"video" is not a block type'],
  ])('answers 400 invalid_blocks for %s and records the violation', async (_, blocks, problem) => {
    const before = slack.messages().length;
    await expect(send(blocks)).rejects.toMatchObject({ statusCode: 400, body: 'invalid_blocks' });
    expect(violations()).toEqual([expect.stringContaining(problem)]);
    expect(violations()[0]).toMatch(/^#blocks: /);
    expect(slack.messages()).toHaveLength(before);
  });

  it('accepts blocks without a top-level text but records the missing fallback', async () => {
    await expect(
      webhook.send({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'only blocks' } }] }),
    ).resolves.toEqual({ text: 'ok' });
    expect(slack.messages().at(-1)).toMatchObject({ channel: 'blocks', text: '' });
    expect(violations()).toEqual(['#blocks: blocks without a top-level text (the notification fallback)']);
  });
});
