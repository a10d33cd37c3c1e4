#!/usr/bin/env node
// Generates src/engine/rules/rules-parser.generated.ts from the grammar src/engine/rules/rules.peggy: run it
// after editing the grammar. With --check it writes nothing and exits 1 when the generated file is out of date
// (a test runs that).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import peggy from 'peggy';

const rules = fileURLToPath(new URL('../src/engine/rules/', import.meta.url));
const target = `${rules}rules-parser.generated.ts`;

const source = peggy.generate(readFileSync(`${rules}rules.peggy`, 'utf8'), {
  output: 'source',
  format: 'es',
});
const text = `// @ts-nocheck\n// Generated from rules.peggy by scripts/generate-rules-parser.mjs (peggy ${peggy.VERSION}). Do not edit.\n${source}\n`;

if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error(`${target} is out of date: run node packages/emulator/scripts/generate-rules-parser.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${text.length} characters)`);
}
