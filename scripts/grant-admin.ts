/** `npm run grant-admin -- you@example.org`: makes an existing account staff and admin (first admin of a new install). */
import { loadConfig, loadDotEnv, ConfigError } from '../src/config/index.js';
import { openDatabase } from '../src/shared/db/database.js';
import { setLogLevel } from '../src/shared/logger.js';
import { User } from '../src/modules/accounts/user.model.js';
import { normaliseRoles } from '../src/modules/accounts/roles.js';

async function main(): Promise<void> {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) {
    console.error('Usage: npm run grant-admin -- you@example.org');
    process.exit(2);
  }
  loadDotEnv();
  const config = loadConfig();
  setLogLevel('warn');
  const db = await openDatabase(config, (line) => console.log(line));
  try {
    const user = await User.findOne({ email });
    if (!user) {
      console.error(`No account with the email ${email}: register it on the site first.`);
      process.exitCode = 1;
      return;
    }
    user.roles = normaliseRoles([...user.roles, 'staff', 'admin']);
    await user.save();
    console.log(`${email} is now: ${user.roles.join(', ')}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Failed: ${String(error)}`);
  process.exit(1);
});
