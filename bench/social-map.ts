/**
 * The social-map part of `npm run bench`: generated organisations across all 77 provinces, the
 * time to compute one organisation's top-20 matches (p50/p95 over 1,000 organisations), and the
 * directory page with filters under load — at 1,000 and at 10,000 organisations.
 */
import mongoose from 'mongoose';
import { Organisation } from '../src/modules/directory/organisation.model.js';
import { geography, type Geography } from '../src/modules/directory/geography.js';
import { keywordsOf } from '../src/modules/directory/keywords.js';
import { nameKey, toCard } from '../src/modules/directory/organisation.service.js';
import { topMatches } from '../src/modules/directory/match-index.js';
import { ISSUES, ORG_ROLES, ORG_TYPES, RESOURCE_KINDS, TARGET_GROUPS } from '../src/modules/directory/vocabulary.js';
import type { OrganisationFields } from '../src/modules/directory/organisation.model.js';

/** A small deterministic generator, so every run measures the same organisations. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
const some = <T>(rnd: () => number, list: readonly T[], max: number): T[] => [
  ...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(rnd, list))),
];

export function generateOrganisations(geo: Geography, from: number, to: number): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (let i = from; i < to; i += 1) {
    const rnd = random(i + 1);
    const district = pick(rnd, geo.districts);
    const sub = pick(rnd, geo.subDistrictsOf(district.code));
    const roles = rnd() < 0.7 ? ['recipient'] : rnd() < 0.5 ? ['giver'] : ['supporter'];
    const th = `องค์กรทดสอบ ${i} ${district.th}`;
    docs.push({
      _id: new mongoose.Types.ObjectId(),
      name: { th, en: `Benchmark organisation ${i}` },
      nameKey: nameKey(th, district.provinceCode),
      type: pick(rnd, ORG_TYPES),
      roles: rnd() < 0.05 ? [...roles, pick(rnd, ORG_ROLES)] : roles,
      issues: some(rnd, ISSUES, 3),
      targetGroups: some(rnd, TARGET_GROUPS, 2),
      description: '',
      home: { provinceCode: district.provinceCode, districtCode: district.code, subDistrictCode: sub?.code },
      areasServed: rnd() < 0.2 ? [{ provinceCode: pick(rnd, geo.provinces).code }] : [],
      offers: roles.includes('recipient')
        ? []
        : some(rnd, RESOURCE_KINDS, 3).map((kind) => ({
            kind,
            amountSatang: kind === 'money' ? Math.floor(rnd() * 500_000) * 100 : undefined,
          })),
      needs: roles.includes('recipient')
        ? some(rnd, RESOURCE_KINDS, 3).map((kind) => ({
            kind,
            amountSatang: kind === 'money' ? Math.floor(rnd() * 200_000) * 100 : undefined,
          }))
        : [],
      members: Math.floor(rnd() * 500),
      verified: rnd() < 0.3,
      matchingOptIn: rnd() < 0.95,
      grantsReceived: rnd() < 0.5 ? 0 : 1,
      keywords: keywordsOf(th),
    });
  }
  return docs;
}

export interface MatchTiming {
  organisations: number;
  p50: number;
  p95: number;
}

/** Top-20 matches for 1,000 organisations of the map; milliseconds per organisation. */
export function timeMatches(docs: Record<string, unknown>[]): MatchTiming {
  const cards = docs.map((d) => toCard(d as unknown as OrganisationFields));
  const sample = cards.filter((_, i) => i % Math.max(1, Math.floor(cards.length / 1000)) === 0).slice(0, 1000);
  for (const me of sample.slice(0, 50)) topMatches(me, cards, 20); // warm-up
  const times = sample.map((me) => {
    const t0 = performance.now();
    topMatches(me, cards, 20);
    return performance.now() - t0;
  });
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] as number) * 100) / 100;
  return { organisations: cards.length, p50: at(50), p95: at(95) };
}

/** Straight through the driver (the model only fills in defaults): mongoose's insertMany is the slow part. */
export async function insertOrganisations(docs: Record<string, unknown>[]): Promise<void> {
  const now = new Date();
  const full = docs.map((d) => ({ ...new Organisation(d).toObject(), createdAt: now, updatedAt: now }));
  for (let i = 0; i < full.length; i += 2000)
    await Organisation.collection.insertMany(full.slice(i, i + 2000), { ordered: false });
}

export { geography };
