import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, mergedMessages } from '../console/src/i18n/catalogue.js';

const SOURCE = join(import.meta.dirname, '..', 'console', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe("the console's texts", () => {
  it('says everything in Chinese and in English: each catalogue has the same keys in both, none empty', () => {
    for (const [name, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue['zh-CN']).sort(), name).toEqual(Object.keys(catalogue.en).sort());
      const empty = Object.entries({ ...catalogue.en, ...catalogue['zh-CN'] }).filter(([, text]) => !text.trim());
      expect(empty, name).toEqual([]);
    }
  });

  it('gives every key one owner: no two pages define the same key', () => {
    const owners = new Map<string, string[]>();
    for (const [name, catalogue] of Object.entries(CATALOGUES)) for (const key of Object.keys(catalogue.en)) owners.set(key, [...(owners.get(key) ?? []), name]);
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it('has a text for every key the pages ask for by name', () => {
    const known = new Set(Object.keys(mergedMessages('en')));
    const asked = sourceFiles(SOURCE).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((match) => `${match[1]} (${file.slice(SOURCE.length + 1)})`));
    expect(asked.length).toBeGreaterThan(10);
    expect(asked.filter((entry) => !known.has(entry.split(' ')[0]!))).toEqual([]);
  });
});
