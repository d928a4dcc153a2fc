import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

/** `npm run reset`: wipes the local data; the next `npm start` seeds the demo data again. */
const dataDir = resolve(import.meta.dirname, '../.data');
rmSync(dataDir, { recursive: true, force: true });
console.log(`Removed ${dataDir}. The next \`npm start\` begins with fresh demo data.`);
