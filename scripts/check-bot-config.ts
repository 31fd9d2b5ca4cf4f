/** `npm start`'s first step: the bot's configuration, checked before the build (one line and exit 1 when wrong). */
import { config as loadEnv } from 'dotenv';
import { loadBotConfig } from '../src/bot/bot-config.js';
import { ConfigError } from '../src/config.js';

loadEnv({ quiet: true });
try {
  loadBotConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
