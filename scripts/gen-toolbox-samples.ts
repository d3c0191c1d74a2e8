// Writes samples/toolbox/<variant>/ from the simulated gateway of test/helpers/toolbox-scenario.ts:
// a spamd log, the backup MX's log, the matching spamdb listing, and a nospamd file. The
// documentation's examples run on these; test/e2e/toolbox.test.ts checks they are up to date.
//   npx tsx scripts/gen-toolbox-samples.ts
import { join } from 'node:path';
import { writeScenario, type Variant } from '../test/helpers/toolbox-scenario.js';
import { ROOT } from '../test/helpers/golden.js';

for (const v of ['verbose', 'nonverbose', 'old-layout'] as Variant[]) {
  const f = writeScenario(join(ROOT, 'samples', 'toolbox', v), v);
  process.stdout.write(`${f.log}\n${f.backupLog}\n${f.dump}\n${f.nospamd}\n`);
}
