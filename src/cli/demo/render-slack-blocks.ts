/**
 * A Slack Block Kit message as plain text, roughly as Slack lays it out: the header after `#`,
 * sections and fields as lines (`Label: value`), context lines in parentheses, buttons as
 * `[label] url`. For the demo's terminal account: what the channel would show, not the fallback.
 */
export function renderSlackBlocks(payload: unknown): string {
  const blocks = (payload as { blocks?: unknown } | null)?.blocks;
  if (!Array.isArray(blocks)) return '';
  const lines: string[] = [];
  for (const block of blocks as Record<string, unknown>[]) {
    switch (block['type']) {
      case 'header':
        lines.push(`# ${textOf(block['text'])}`);
        break;
      case 'section':
        if (block['text']) lines.push(textOf(block['text']));
        for (const field of (block['fields'] as unknown[] | undefined) ?? [])
          lines.push(textOf(field).replace('\n', ' '));
        break;
      case 'context':
        lines.push(`(${((block['elements'] as unknown[] | undefined) ?? []).map(textOf).join(' ')})`);
        break;
      case 'actions':
        for (const element of (block['elements'] as Record<string, unknown>[] | undefined) ?? [])
          lines.push(
            `[${textOf(element['text'])}]${typeof element['url'] === 'string' ? ` ${element['url']}` : ''}`,
          );
        break;
      case 'divider':
        lines.push('---');
        break;
    }
  }
  return lines.join('\n');
}

/** A text object's text, Slack's `<url|label>` links and entities shown as they read. */
function textOf(value: unknown): string {
  const text = (value as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return '';
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
