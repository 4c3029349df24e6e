import * as nodePath from 'node:path';
import { runBundle } from '../hosts/codeCache';

// The language server (`node dist/server.js --stdio`, or forked by the VS Code client): dist/server-code.js, compiled with the code V8 kept from the last start.
runBundle({ name: 'server', bundle: nodePath.join(__dirname, 'server-code.js'), door: __filename });
