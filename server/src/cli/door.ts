import * as nodePath from 'node:path';
import { runBundle } from '../hosts/codeCache';

// `mktplan`: the command is dist/cli-code.js, compiled with the code V8 kept from the last run.
runBundle({ name: 'cli', bundle: nodePath.join(__dirname, 'cli-code.js'), door: __filename });
