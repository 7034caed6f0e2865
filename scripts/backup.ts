/**
 * `npm run backup [-- --out FILE]`: the whole configured database (the embedded one, or MongoDB
 * with MONGODB_URI) as one gzip file, by default DATA_DIR/backups/backup-<time>.ejson.gz.
 * Restore it with `npm run restore -- FILE`. Stop the app first when it runs on the embedded
 * database: that database belongs to the one process that started it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { dumpDatabase } from '../src/shared/db/database-dump.js';
import { explainFailure, openConfigured, totals } from './backup-common.js';

const USAGE = 'Usage: npm run backup [-- --out FILE]';

/** `--out FILE` or `--out=FILE`; undefined for the default name. */
function outArgument(args: string[]): string | undefined {
  if (args.length === 0) return undefined;
  const [first, second] = args;
  if (args.length === 1 && first?.startsWith('--out=') && first.length > 6) return first.slice(6);
  if (args.length === 2 && first === '--out' && second) return second;
  console.error(USAGE);
  process.exit(2);
}

/** backup-2026-05-01T09-30-00Z: the ISO time, with '-' for ':' so the name also copies to Windows or a USB stick. */
function defaultBackupName(now: Date): string {
  return `backup-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.ejson.gz`;
}

async function main(): Promise<void> {
  const out = outArgument(process.argv.slice(2));
  let dataDir: string | undefined;
  try {
    const { config, db, database, where } = await openConfigured();
    dataDir = config.dataDir;
    try {
      const file = path.resolve(out ?? path.join(config.dataDir, 'backups', defaultBackupName(new Date())));
      console.log(`Backing up ${where}…`);
      const report = await dumpDatabase(db, file, (line) => console.log(`  ${line}`));
      const { size } = await fs.stat(file);
      const shown = size < 1024 * 1024 ? `${Math.ceil(size / 1024)} kB` : `${(size / 1024 / 1024).toFixed(1)} MB`;
      console.log(`Backup written: ${file} (${shown}, ${totals(report.collections)}).`);
      console.log('Copy this file off the machine; restore it with: npm run restore -- FILE');
    } finally {
      await database.close();
    }
  } catch (error) {
    console.error(explainFailure(error, 'Backup', dataDir ?? process.env.DATA_DIR));
    process.exitCode = 1;
  }
}

await main();
