// The floor of the command-line measurements (bench/cliWorkspace.ts): the least any YAML tool does
// over a folder of plans. Reads every *.mktplan.yaml and *.mktplan.yml under the folder, one after
// the other on one thread, and parses each with `yaml`'s parseDocument (default options); prints
// how many files it read and how many YAML errors they hold, as JSON.
//
//   node <bundle of this file> <folder>
import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parseDocument } from 'yaml';

const folder = process.argv[2];
let files = 0;
let errors = 0;
for (const relative of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
  if (!/\.mktplan\.ya?ml$/.test(relative)) continue;
  errors += parseDocument(readFileSync(nodePath.join(folder, relative), 'utf8')).errors.length;
  files++;
}
process.stdout.write(JSON.stringify({ files, errors }) + '\n');
