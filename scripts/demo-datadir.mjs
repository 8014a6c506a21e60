// Build step: writes dist/src/demo/demo-pgdata.tar.gz, the demo database's seeded data directory (see
// src/demo/database.ts), so `scale-audit demo` loads it instead of running initdb and the seed.
import { writeDemoDataDir } from '../dist/src/demo/database.js';

await writeDemoDataDir();
