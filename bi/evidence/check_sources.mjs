// Runs every sources/<name>/*.sql through the Evidence datasource plugin, the way
// `evidence sources` does (getRunner(options, sourceDir)), minus the duckdb-wasm
// parquet step. Options: connection.yaml < EVIDENCE_SOURCE__<name>__<key> env vars.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import yaml from 'yaml';
const require = createRequire(import.meta.url);
const root = path.resolve('sources');
let failed = 0;
for (const name of fs.readdirSync(root).sort()) {
  const dir = path.join(root, name);
  const conn = yaml.parse(fs.readFileSync(path.join(dir, 'connection.yaml'), 'utf8'));
  const options = { ...(conn.options ?? {}) };
  const prefix = `EVIDENCE_SOURCE__${conn.name}__`;
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith(prefix)) options[k.slice(prefix.length)] = v;
  const plugin = require(`@evidence-dev/${conn.type}`);
  const ok = await plugin.testConnection(options, dir);
  if (ok !== true) { console.log(`${conn.name} connection FAILED: ${ok.reason}`); failed++; continue; }
  const run = await plugin.getRunner(options, dir);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sql') && f !== 'initialize.sql').sort()) {
    try {
      const res = await run(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f), 100000);
      let rows = 0;
      for await (const batch of res.rows()) rows += batch.length;
      console.log(`${conn.name}.${f.replace(/\.sql$/, '')}: ${rows} rows, ${res.columnTypes.length} columns`);
      if (rows !== res.expectedRowCount) { console.log(`  row count mismatch (${res.expectedRowCount})`); failed++; }
    } catch (e) { console.log(`${conn.name}.${f} FAILED: ${e.message}`); failed++; }
  }
}
process.exit(failed ? 1 : 0);
