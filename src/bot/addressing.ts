/**
 * Whether a message is meant for the bot. In a private chat every message is. In a group the bot
 * may see every message (privacy mode off), so it only answers when it is mentioned by @username
 * (or a text mention) or when the message replies to one of its own messages — otherwise it stays
 * silent, and such messages do not count against anyone's rate limit either.
 */
import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';

export function isGroupChat(type: string | undefined): boolean {
  return type === 'group' || type === 'supergroup';
}

function mentionsOf(text: string, entities: MessageEntity[] | undefined, me: UserFromGetMe): MessageEntity[] {
  const handle = `@${me.username}`.toLowerCase();
  return (entities ?? []).filter(
    (en) =>
      (en.type === 'mention' && text.slice(en.offset, en.offset + en.length).toLowerCase() === handle) ||
      (en.type === 'text_mention' && en.user.id === me.id),
  );
}

/** True when the message is addressed to the bot (see above). */
export function isAddressed(msg: Message, me: UserFromGetMe): boolean {
  if (!isGroupChat(msg.chat.type)) return msg.chat.type === 'private';
  if (msg.reply_to_message?.from?.id === me.id) return true;
  const text = msg.text ?? msg.caption ?? '';
  return mentionsOf(text, msg.entities ?? msg.caption_entities, me).length > 0;
}

/**
 * The question a text message asks the bot, with the bot's own mentions removed, or null when the
 * message is not addressed to the bot. May be '' (a bare mention).
 */
export function questionOf(msg: Message, me: UserFromGetMe): string | null {
  if (msg.text === undefined || !isAddressed(msg, me)) return null;
  let text = msg.text;
  const cuts = mentionsOf(text, msg.entities, me).sort((a, b) => b.offset - a.offset);
  for (const m of cuts) text = text.slice(0, m.offset) + ' ' + text.slice(m.offset + m.length);
  return text.replace(/[ \t]+/g, ' ').replace(/^[\s,:،]+|\s+$/gu, '');
}
