// release: the gate, the baseline and the publish step, for CI and for the maintainer.
//   check                      compare with the last release; fail when the changesets do not cover a change (refuses a stale build)
//   version                    the gate, `changeset version`, API changes into the changelogs, the new baseline
//   baseline                   record the current bundles and the clients' declarations as the last release (the version step runs it)
//   pack [--out <dir>]         installable tarballs of every public package into one folder (default packed/; replaces only our earlier tarballs there)
//   publish --registry <url>   re-check the packed packages and publish them to <url> (never a default registry)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO } from './audiences.js';
import { writeBaseline } from './baseline.js';
import { staleOutputs } from './freshness.js';
import { changesBetween, currentState, gate, pendingBumps, readBaseline } from './gate.js';
import { checkPacked, clearPacked, packAll, publishAll } from './publish.js';
import { version } from './version.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { registry: { type: 'string' }, userconfig: { type: 'string' }, out: { type: 'string' } } });
const command = positionals[0];

if (command === 'check') {
  // EXPYS_RELEASE_ROOT: another checkout to judge (the tests point it at a stale one).
  const stale = staleOutputs(process.env.EXPYS_RELEASE_ROOT ?? REPO);
  if (stale.length > 0) {
    console.error(`✖ The build is stale, so the gate would check another API than the one in spec/:\n${stale.map((s) => `  ${s}`).join('\n')}\nRun \`npm run release:check\` from the repository root (it builds first), or \`npm run build\`.`);
    process.exit(1);
  }
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
} else if (command === 'pack') {
  // Installable tarballs of every public package in one folder, for a consumer outside the repo.
  // Only the tarballs of our packages are replaced: the folder may be any folder (`--out .`).
  const out = path.resolve(REPO, values.out ?? 'packed');
  const { left } = clearPacked(out);
  const packed = await packAll(out);
  for (const p of packed) console.log(`  ${path.relative(REPO, p.tarball)}  ${p.name}@${p.version}`);
  const shown = path.relative(process.env.INIT_CWD ?? process.cwd(), out) || '.';
  if (left.length > 0) console.log(`  (${shown} also holds ${left.length} other file(s), left as they were: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''})`);
  const others = left.some((f) => f.endsWith('.tgz'));
  console.log(`✔ ${packed.length} packages packed into ${shown}. In any project: npm install ${others ? packed.map((p) => p.tarball).join(' ') : `${out}/*.tgz`}`);
} else if (command === 'publish') {
  if (!values.registry) {
    console.error('publish needs --registry <url>: nothing is published to a default registry.');
    process.exit(2);
  }
  console.log('Checking the packages as packed…');
  await checkPacked(console.log);
  const packed = await packAll();
  await publishAll(packed, values.registry, values.userconfig);
  for (const p of packed) console.log(`  published ${p.name}@${p.version} to ${values.registry}`);
} else {
  console.error('Usage: release check | version | baseline | pack [--out <dir>] | publish --registry <url> [--userconfig <npmrc>]');
  process.exit(2);
}
