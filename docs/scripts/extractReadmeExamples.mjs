// Copies every ```ts block of the repository's READMEs into readme-examples/ (git-ignored), one file per block,
// so `tsc -p tsconfig.readme.json` type-checks them against the packages' built types, exactly as the guides'
// examples are checked: a README can never show code that does not compile. A block that is deliberately not a
// complete program is fenced as ```ts fragment and skipped.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const docs = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(docs);
const out = join(docs, 'readme-examples');

const readmes = [join(root, 'README.md')];
for (const folder of ['packages', 'apps', 'examples']) {
  const base = join(root, folder);
  if (!existsSync(base)) continue;
  for (const entry of readdirSync(base)) {
    const readme = join(base, entry, 'README.md');
    if (existsSync(readme)) readmes.push(readme);
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let count = 0;
for (const readme of readmes) {
  const text = readFileSync(readme, 'utf8');
  const name = relative(root, dirname(readme)).replaceAll('/', '-') || 'root';
  const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)];
  blocks.forEach((block, index) => {
    // `export {}` makes every block a module of its own, so top-level await and local names never clash.
    writeFileSync(join(out, `${name}-${index + 1}.ts`), `${block[1]}\nexport {};\n`);
    count++;
  });
}
console.log(`extracted ${count} README examples from ${readmes.length} READMEs into ${relative(root, out)}/`);
