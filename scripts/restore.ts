/**
 * `npm run restore -- FILE`: puts a backup made by `npm run backup` into the configured database,
 * which must hold no data (a fresh DATA_DIR, or a new MongoDB database with MONGODB_URI). The file
 * is checked whole before anything is written, and a restore that fails removes what it wrote.
 */
import path from 'node:path';
import { loadDump } from '../src/shared/db/database-dump.js';
import { explainFailure, openConfigured, totals } from './backup-common.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || !args[0] || args[0].startsWith('-')) {
    console.error('Usage: npm run restore -- FILE   (a backup-….ejson.gz file made by npm run backup)');
    process.exit(2);
  }
  const file = path.resolve(args[0]);
  let dataDir: string | undefined;
  try {
    const { config, db, database, where } = await openConfigured();
    dataDir = config.dataDir;
    try {
      console.log(`Restoring ${file} into ${where}…`);
      const report = await loadDump(file, db, (line) => console.log(`  ${line}`));
      console.log(
        `Restored the backup of database "${report.database}" taken ${report.createdAt.toISOString()} ` +
          `into ${where}: ${totals(report.collections)}.`,
      );
      console.log('Start the app with the same settings (DATA_DIR or MONGODB_URI) to use it.');
    } finally {
      await database.close();
    }
  } catch (error) {
    console.error(explainFailure(error, 'Restore', dataDir ?? process.env.DATA_DIR));
    process.exitCode = 1;
  }
}

await main();
