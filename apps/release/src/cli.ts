// release: the gate, the baseline and the publish step, for CI and for the maintainer.
//   check                      compare with the last release; fail when the changesets do not cover a change
//   version                    the gate, `changeset version`, API changes into the changelogs, the new baseline
//   baseline                   record the current bundles and API reports as the last release (the version step runs it)
//   publish --registry <url>   re-check the packed packages and publish them to <url> (never a default registry)
import { parseArgs } from 'node:util';
import { writeBaseline } from './baseline.js';
import { changesBetween, currentState, gate, pendingBumps, readBaseline } from './gate.js';
import { checkPacked, packAll, publishAll } from './publish.js';
import { version } from './version.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { registry: { type: 'string' }, userconfig: { type: 'string' } } });
const command = positionals[0];

if (command === 'check') {
  const result = gate(changesBetween(readBaseline(), currentState()), await pendingBumps());
  console.log(result.report);
  process.exitCode = result.ok ? 0 : 1;
} else if (command === 'version') {
  try {
    await version();
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    process.exitCode = 1;
  }
} else if (command === 'baseline') {
  writeBaseline(currentState());
  console.log('Baseline written (apps/release/baseline): the gate now compares against this state.');
} else if (command === 'publish') {
  if (!values.registry) {
    console.error('publish needs --registry <url>: nothing is published to a default registry.');
    process.exit(2);
  }
  console.log('Checking the packages as packed…');
  checkPacked(console.log);
  const packed = packAll();
  publishAll(packed, values.registry, values.userconfig);
  for (const p of packed) console.log(`  published ${p.name}@${p.version} to ${values.registry}`);
} else {
  console.error('Usage: release check | version | baseline | publish --registry <url> [--userconfig <npmrc>]');
  process.exit(2);
}
