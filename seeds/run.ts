/** `npm run seed`: opens the configured database (embedded by default) and seeds it. */
import { loadConfig, loadDotEnv, ConfigError } from '../src/config/index.js';
import { openDatabase } from '../src/shared/db/database.js';
import { ToolUnavailableError } from '../src/shared/db/go-tools.js';
import { setLogLevel } from '../src/shared/logger.js';
import { DEMO_PASSWORD, presentDemoUsers, runSeeds } from './index.js';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  setLogLevel(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase(config, (line) => console.log(line));
  try {
    const report = await runSeeds({ demoUsers: config.seedDemoUsers });
    console.log(
      `Seeded: ${report.fundsCreated} new funds, ${report.usersCreated} new demo users, ${report.networksCreated} new networks, ${report.organisationsCreated} new organisations (existing records left as they were).`,
    );
    const demo = await presentDemoUsers();
    if (demo.length > 0) {
      console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const u of demo) console.log(`  ${u.email.padEnd(24)} ${u.roles.join(', ')}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ToolUnavailableError) console.error(error.message);
  else console.error('Seeding failed:', error);
  process.exit(1);
});
