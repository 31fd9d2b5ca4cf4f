/**
 * The configuration the bot needs, checked: the general one (src/config.ts) and a token. Its own
 * module so that `npm start` can check it before it spends seconds compiling (scripts/check-bot-config.ts).
 */
import { ConfigError, loadConfig, type Config } from '../config.js';

export function loadBotConfig(): Config {
  const config = loadConfig();
  if (!config.telegram.token) {
    throw new ConfigError('invalid configuration: TELEGRAM_BOT_TOKEN is required to run the bot (get one from @BotFather)');
  }
  return config;
}
