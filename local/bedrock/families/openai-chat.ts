/** Pieces shared by the OpenAI-style chat families (AI21 Jamba, OpenAI gpt-oss). */
import { isObject, objectsOf, type JsonObject, type SchemaCheck } from './family.ts';

export function checkChatMessages(check: SchemaCheck, object: JsonObject, roles: readonly string[]): void {
  check.required(object, '#', ['messages']);
  const messages = object['messages'];
  if (!check.type(messages, '#/messages', 'array') || !Array.isArray(messages)) return;
  check.minItems(messages, '#/messages', 1);
  messages.forEach((message, index) => {
    const pointer = `#/messages/${index}`;
    if (!check.type(message, pointer, 'object') || !isObject(message)) return;
    check.required(message, pointer, ['role']);
    if (check.type(message['role'], `${pointer}/role`, 'string')) check.oneOf(message['role'], `${pointer}/role`, roles);
    const content = message['content'];
    if (content !== undefined && content !== null && typeof content !== 'string') check.type(content, `${pointer}/content`, 'array');
  });
}

export function chatMessageText(message: JsonObject): string {
  const content = message['content'];
  if (typeof content === 'string') return content;
  return objectsOf(content)
    .map((part) => (typeof part['text'] === 'string' ? part['text'] : ''))
    .join(' ');
}

export function lastUserMessageText(messages: readonly JsonObject[]): string {
  const user = messages.filter((message) => message['role'] === 'user').at(-1);
  return user === undefined ? '' : chatMessageText(user);
}
