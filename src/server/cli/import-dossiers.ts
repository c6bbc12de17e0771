import { loadConfig } from '../../config/config.ts';
import { openCliDatabase } from './cli-database.ts';
import { EXIT_USAGE, runImportDossiersCli, USAGE } from './import-dossiers-cli.ts';

// `npm run import:dossiers -- <file.ndjson> [--dry-run]`: see import-dossiers-cli.ts.
const log = (msg: string) => process.stderr.write(`[motcua] ${msg}\n`);

const args = process.argv.slice(2);
if (args.length < 1 || args.includes('--help') || args.includes('-h')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(EXIT_USAGE);
}

const { database, close } = await openCliDatabase(loadConfig(), log, { max: 2 });
let code: number;
try {
  code = await runImportDossiersCli(args, database.db, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} finally {
  await close();
}
process.exit(code);
