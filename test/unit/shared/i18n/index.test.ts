import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { catalogue, hasTranslation, translate, localized } from '../../../../src/shared/i18n/index.js';
import { PROJECT_ROOT } from '../../../../src/shared/paths.js';

function leafKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leafKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

describe('i18n catalogues', () => {
  it('has the same keys in Thai and English, none empty', () => {
    const th = leafKeys(catalogue('th')).sort();
    const en = leafKeys(catalogue('en')).sort();
    assert.deepEqual(th, en);
    for (const key of th) {
      assert.ok(translate('th', key).trim().length > 0, `th ${key}`);
      assert.ok(translate('en', key).trim().length > 0, `en ${key}`);
    }
  });

  it('defines every literal key that templates and code use, in both languages', () => {
    const sources = [
      ...filesUnder(path.join(PROJECT_ROOT, 'views'), '.hbs'),
      ...filesUnder(path.join(PROJECT_ROOT, 'src'), '.ts'),
    ];
    const used = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\{\{t "([a-zA-Z0-9_.]+)"/g)) used.add(m[1] as string);
      for (const m of text.matchAll(
        /['"]((?:errors|validation|accounts|admin|funds|home|nav|donations|donate|thanks|cancelled|gifts|staff|receipt|transparency|directory|vocab|match|grants)\.[a-zA-Z0-9_.]+)['"]/g,
      ))
        used.add(m[1] as string);
    }
    assert.ok(used.size > 50, `found only ${used.size} keys`);
    for (const key of used) {
      if (key.endsWith('.') || !key.includes('.')) continue;
      const plural = `${key}_other`;
      assert.ok(hasTranslation('th', key) || hasTranslation('th', plural), `missing th: ${key}`);
      assert.ok(hasTranslation('en', key) || hasTranslation('en', plural), `missing en: ${key}`);
    }
  });

  it('interpolates placeholders and picks bilingual fields with a Thai fallback', () => {
    assert.equal(translate('en', 'pagination.status', { page: 2, pages: 5 }), 'Page 2 of 5');
    assert.equal(translate('th', 'pagination.status', { page: 2, pages: 5 }), 'หน้า 2 จาก 5');
    assert.equal(localized({ th: 'กองทุน', en: 'Fund' }, 'en'), 'Fund');
    assert.equal(localized({ th: 'กองทุน', en: '' }, 'en'), 'กองทุน');
    assert.equal(localized(undefined, 'th'), '');
  });
});
