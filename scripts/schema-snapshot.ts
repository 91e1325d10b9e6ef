// Rewrites tests/db/schema.snapshot.sql from the migrations. Run after adding a migration:
//   npx tsx scripts/schema-snapshot.ts
import fs from 'node:fs';
import { freshSchemaText } from '../db/schema.ts';

fs.writeFileSync(new URL('../tests/db/schema.snapshot.sql', import.meta.url), freshSchemaText());
console.log('tests/db/schema.snapshot.sql updated');
