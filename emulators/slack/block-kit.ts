// Block Kit rules for the blocks rootguard sends (header, section, context, divider, actions
// with buttons), with Slack's documented limits. Returns the problems; none means Slack accepts.

/** Slack renders at most 50 blocks in a message. */
export const MAX_BLOCKS = 50;
/** A header's plain_text is at most 150 characters. */
export const MAX_HEADER_TEXT = 150;
/** A section's text is at most 3000 characters... */
export const MAX_SECTION_TEXT = 3000;
/** ...it has at most 10 fields... */
export const MAX_SECTION_FIELDS = 10;
/** ...each at most 2000 characters. */
export const MAX_SECTION_FIELD_TEXT = 2000;
/** A context block has at most 10 elements. */
export const MAX_CONTEXT_ELEMENTS = 10;
/** An actions block has at most 25 elements. */
export const MAX_ACTIONS_ELEMENTS = 25;
/** A button's plain_text is at most 75 characters, */
export const MAX_BUTTON_TEXT = 75;
/** its url at most 3000 (an image's url too), */
export const MAX_URL_LENGTH = 3000;
/** its value at most 2000, */
export const MAX_BUTTON_VALUE = 2000;
/** An image's alt_text is at most 2000 characters. */
export const MAX_ALT_TEXT = 2000;
/** A button's action_id is at most 255 characters, like every block_id. */
export const MAX_ID_LENGTH = 255;

type Problems = string[];
type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in characters (code points), as Slack counts them. */
function length(text: string): number {
  return [...text].length;
}

function onlyKeys(obj: JsonObject, allowed: readonly string[], at: string, problems: Problems): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key)) problems.push(`${at}: unknown field "${key}"`);
}

/** A text object: `{ type: 'plain_text' | 'mrkdwn', text }`, at most `max` characters. */
function checkText(value: unknown, at: string, max: number, problems: Problems, only?: 'plain_text'): void {
  if (!isObject(value)) return void problems.push(`${at}: must be a text object`);
  const type = value['type'];
  if (type !== 'plain_text' && type !== 'mrkdwn')
    return void problems.push(`${at}.type: must be plain_text or mrkdwn`);
  if (only && type !== only) problems.push(`${at}.type: must be ${only}`);
  onlyKeys(value, ['type', 'text', type === 'plain_text' ? 'emoji' : 'verbatim'], at, problems);
  const text = value['text'];
  if (typeof text !== 'string' || text.length === 0)
    return void problems.push(`${at}.text: must be a non-empty string`);
  if (length(text) > max) problems.push(`${at}.text: longer than ${max} characters`);
}

function checkString(value: unknown, at: string, max: number, problems: Problems): void {
  if (typeof value !== 'string' || value.length === 0) problems.push(`${at}: must be a non-empty string`);
  else if (length(value) > max) problems.push(`${at}: longer than ${max} characters`);
}

function checkButton(value: unknown, at: string, problems: Problems, actionIds: Set<string>): void {
  if (!isObject(value) || value['type'] !== 'button')
    return void problems.push(`${at}: only button elements are checked by the emulator`);
  const keys = ['type', 'text', 'action_id', 'url', 'value', 'style', 'accessibility_label'];
  onlyKeys(value, keys, at, problems);
  checkText(value['text'], `${at}.text`, MAX_BUTTON_TEXT, problems, 'plain_text');
  if ('action_id' in value) {
    checkString(value['action_id'], `${at}.action_id`, MAX_ID_LENGTH, problems);
    const id = String(value['action_id']);
    if (actionIds.has(id)) problems.push(`${at}.action_id: "${id}" is not unique in its block`);
    actionIds.add(id);
  }
  if ('url' in value) checkString(value['url'], `${at}.url`, MAX_URL_LENGTH, problems);
  if ('value' in value) checkString(value['value'], `${at}.value`, MAX_BUTTON_VALUE, problems);
  if ('style' in value && value['style'] !== 'primary' && value['style'] !== 'danger')
    problems.push(`${at}.style: must be primary or danger`);
}

function checkContextElement(value: unknown, at: string, problems: Problems): void {
  if (isObject(value) && value['type'] === 'image') {
    onlyKeys(value, ['type', 'image_url', 'alt_text'], at, problems);
    checkString(value['image_url'], `${at}.image_url`, MAX_URL_LENGTH, problems);
    checkString(value['alt_text'], `${at}.alt_text`, MAX_ALT_TEXT, problems);
    return;
  }
  // Context text has no limit of its own in the docs beyond the section's.
  checkText(value, at, MAX_SECTION_TEXT, problems);
}

function checkBlock(block: JsonObject, at: string, problems: Problems): void {
  switch (block['type']) {
    case 'header':
      onlyKeys(block, ['type', 'text', 'block_id'], at, problems);
      checkText(block['text'], `${at}.text`, MAX_HEADER_TEXT, problems, 'plain_text');
      return;
    case 'section': {
      onlyKeys(block, ['type', 'text', 'fields', 'accessory', 'block_id', 'expand'], at, problems);
      const fields = block['fields'];
      if (block['text'] === undefined && fields === undefined)
        problems.push(`${at}: a section needs text or fields`);
      if (block['text'] !== undefined) checkText(block['text'], `${at}.text`, MAX_SECTION_TEXT, problems);
      if (fields !== undefined) {
        if (!Array.isArray(fields) || fields.length === 0)
          problems.push(`${at}.fields: must be a non-empty array`);
        else {
          if (fields.length > MAX_SECTION_FIELDS)
            problems.push(`${at}.fields: more than ${MAX_SECTION_FIELDS} items`);
          fields.forEach((f, i) => checkText(f, `${at}.fields[${i}]`, MAX_SECTION_FIELD_TEXT, problems));
        }
      }
      if (block['accessory'] !== undefined)
        checkButton(block['accessory'], `${at}.accessory`, problems, new Set());
      return;
    }
    case 'context': {
      onlyKeys(block, ['type', 'elements', 'block_id'], at, problems);
      const elements = block['elements'];
      if (!Array.isArray(elements) || elements.length === 0)
        return void problems.push(`${at}.elements: must be a non-empty array`);
      if (elements.length > MAX_CONTEXT_ELEMENTS)
        problems.push(`${at}.elements: more than ${MAX_CONTEXT_ELEMENTS} items`);
      elements.forEach((e, i) => checkContextElement(e, `${at}.elements[${i}]`, problems));
      return;
    }
    case 'divider':
      onlyKeys(block, ['type', 'block_id'], at, problems);
      return;
    case 'actions': {
      onlyKeys(block, ['type', 'elements', 'block_id'], at, problems);
      const elements = block['elements'];
      if (!Array.isArray(elements) || elements.length === 0)
        return void problems.push(`${at}.elements: must be a non-empty array`);
      if (elements.length > MAX_ACTIONS_ELEMENTS)
        problems.push(`${at}.elements: more than ${MAX_ACTIONS_ELEMENTS} items`);
      const actionIds = new Set<string>();
      elements.forEach((e, i) => checkButton(e, `${at}.elements[${i}]`, problems, actionIds));
      return;
    }
    default:
      problems.push(`${at}.type: "${String(block['type'])}" is not a block type the emulator checks`);
  }
}

/** The Block Kit problems of a message's `blocks` (empty when Slack would accept them). */
export function blockKitProblems(blocks: unknown): string[] {
  const problems: Problems = [];
  if (!Array.isArray(blocks)) return ['blocks: must be an array'];
  if (blocks.length > MAX_BLOCKS) problems.push(`blocks: more than ${MAX_BLOCKS} blocks`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(block)) return void problems.push(`${at}: must be an object`);
    if ('block_id' in block) {
      checkString(block['block_id'], `${at}.block_id`, MAX_ID_LENGTH, problems);
      const id = String(block['block_id']);
      if (blockIds.has(id)) problems.push(`${at}.block_id: "${id}" is not unique in the message`);
      blockIds.add(id);
    }
    checkBlock(block, at, problems);
  });
  return problems;
}
