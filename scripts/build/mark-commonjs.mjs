// Marks a folder of compiled CommonJS (`dist/cjs`) as such: the package itself is
// `"type": "module"`, so without this Node would load those .js files as ESM.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const folder = process.argv[2];
if (!folder) throw new Error('usage: node mark-commonjs.mjs <folder>');
writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
