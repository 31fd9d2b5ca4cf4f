/**
 * Commands no feature handled. In a private chat, or when addressed to this bot by name in a
 * group (/foo@thisbot), a short hint to /help; a bare /foo in a group may be meant for another
 * bot, so it is ignored. Either way it is never treated as a question.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

export const unknownCommandFeature = new Composer<BotContext>();

unknownCommandFeature.on('message:entities:bot_command', async (ctx, next) => {
  const entity = ctx.message.entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (entity === undefined) return next();
  const command = ctx.message.text?.slice(0, entity.length) ?? '';
  const at = command.indexOf('@');
  const target = at === -1 ? undefined : command.slice(at + 1).toLowerCase();
  if (ctx.chat.type !== 'private' && target !== ctx.me.username.toLowerCase()) return;
  if (target !== undefined && target !== ctx.me.username.toLowerCase()) return;
  await replyHtml(ctx, ctx.t.unknownCommand);
});
