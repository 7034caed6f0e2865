/**
 * The grants benchmark's data and timings: one call with 500 applications in review, 5 submitted
 * reviews each from a committee of 25 (100 reviews per reviewer), written straight to the
 * database. `timeDecisionView` times the decision view (ranking, per-reviewer normalisation,
 * funding line) both as pure computation and as the whole service call with its database reads.
 */
import mongoose from 'mongoose';
import { GrantCall } from '../src/modules/grants/call.model.js';
import { Application } from '../src/modules/grants/application.model.js';
import { Review } from '../src/modules/grants/review.model.js';
import { Organisation } from '../src/modules/directory/organisation.model.js';
import { Fund } from '../src/modules/funds/fund.model.js';
import { User } from '../src/modules/accounts/user.model.js';
import { hashPassword } from '../src/modules/accounts/password.js';
import { decisionView } from '../src/modules/grants/decision-view.service.js';
import { rankApplications, type Rubric, type SubmittedReview } from '../src/modules/grants/review.scoring.js';

export const BENCH_REVIEWER_PASSWORD = 'bench-reviewer-2569';

/** A small deterministic generator, so every run scores the same applications. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export interface GrantsBenchData {
  callId: string;
  reviewerEmail: string;
  staff: { id: string; roles: string[] };
}

export async function seedGrantCall(
  applications: number,
  reviewsEach: number,
  committeeSize: number,
): Promise<GrantsBenchData> {
  const rand = random(2569);
  const fund = await Fund.findOne({ slug: 'education' }, { _id: 1 }).lean();
  const passwordHash = await hashPassword(BENCH_REVIEWER_PASSWORD);
  const reviewers = Array.from({ length: committeeSize }, (_, i) => ({
    _id: new mongoose.Types.ObjectId(),
    email: `bench-reviewer-${i}@example.org`,
    name: `กรรมการ ${i + 1}`,
    roles: ['donor', 'reviewer'],
    passwordHash,
    preferredLanguage: 'th',
    emailVerifiedAt: new Date(),
  }));
  await User.insertMany(reviewers);
  const staff = await User.create({
    email: 'bench-staff@example.org',
    name: 'เจ้าหน้าที่',
    roles: ['donor', 'staff'],
    passwordHash,
    preferredLanguage: 'th',
    emailVerifiedAt: new Date(),
  });
  const call = await GrantCall.create({
    fundId: fund?._id,
    title: { th: 'ทุนทดสอบสมรรถนะ', en: 'Benchmark call' },
    budgetSatang: 10_000_000_00,
    maxPerGrantSatang: 100_000_00,
    opensAt: new Date(Date.now() - 30 * 86_400_000),
    closesAt: new Date(Date.now() - 86_400_000),
    rubric: {
      criteria: [
        { key: 'c1', name: { th: 'ความจำเป็น' }, weight: 3 },
        { key: 'c2', name: { th: 'ความเป็นไปได้' }, weight: 2 },
        { key: 'c3', name: { th: 'ความยั่งยืน' }, weight: 1 },
      ],
      scale: { min: 1, max: 5 },
    },
    committeeUserIds: reviewers.map((r) => r._id),
    reviewsPerApplication: reviewsEach,
    status: 'closed',
  });
  const orgs = Array.from({ length: applications }, (_, i) => ({
    _id: new mongoose.Types.ObjectId(),
    name: { th: `กลุ่มทดสอบ ${i + 1}`, en: '' },
    nameKey: `90:bench${i}`,
    type: 'community_group',
    roles: ['recipient'],
    home: { provinceCode: '90' },
  }));
  await Organisation.insertMany(orgs, { ordered: false });
  const apps = orgs.map((org, i) => ({
    _id: new mongoose.Types.ObjectId(),
    callId: call._id,
    orgId: org._id,
    createdBy: staff._id,
    status: 'in_review',
    title: `โครงการทดสอบ ${i + 1}`,
    requestedSatang: Math.round(20_000 + rand() * 80_000) * 100,
    submittedAt: new Date(Date.now() - 2 * 86_400_000 + i * 1000),
    history: [],
  }));
  await Application.insertMany(apps, { ordered: false });
  const reviews = [];
  for (let a = 0; a < apps.length; a += 1) {
    for (let r = 0; r < reviewsEach; r += 1) {
      const reviewer = reviewers[(a * reviewsEach + r) % committeeSize] as (typeof reviewers)[number];
      const score = () => 1 + Math.floor(rand() * 5);
      reviews.push({
        callId: call._id,
        applicationId: apps[a]?._id,
        reviewerId: reviewer._id,
        status: 'submitted',
        declaredConflict: false,
        scores: { c1: score(), c2: score(), c3: score() },
        recommendation: rand() < 0.7 ? 'fund' : rand() < 0.5 ? 'fund_with_conditions' : 'do_not_fund',
        submittedAt: new Date(),
      });
    }
  }
  for (let i = 0; i < reviews.length; i += 1000)
    await Review.insertMany(reviews.slice(i, i + 1000), { ordered: false });
  return {
    callId: call._id.toString(),
    reviewerEmail: reviewers[0]?.email as string,
    staff: { id: staff._id.toString(), roles: ['donor', 'staff'] },
  };
}

function percentile(sorted: number[], p: number): number {
  return Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(1));
}

export interface DecisionTiming {
  /** The first call of a fresh process: loads the social map, reviews and applications into memory. */
  coldMs: number;
  pureP50: number;
  pureP95: number;
  fullP50: number;
  fullP95: number;
  rows: number;
}

/** The decision view timed `runs` times: the pure ranking over data in memory, and the whole service call. */
export async function timeDecisionView(data: GrantsBenchData, runs: number): Promise<DecisionTiming> {
  const call = await GrantCall.findById(data.callId).lean();
  const apps = await Application.find({ callId: data.callId }, { requestedSatang: 1, submittedAt: 1 }).lean();
  const raw = await Review.find({ callId: data.callId }).lean();
  const rubric: Rubric = {
    criteria: (call?.rubric?.criteria ?? []).map((c) => ({ key: c.key, weight: c.weight })),
    scale: { min: 1, max: 5 },
  };
  const reviews: SubmittedReview[] = raw.map((r) => ({
    applicationId: String(r.applicationId),
    reviewerId: String(r.reviewerId),
    scores: r.scores as unknown as Record<string, number>,
    recommendation: r.recommendation as SubmittedReview['recommendation'],
  }));
  const inputs = apps.map((a) => ({
    id: String(a._id),
    requestedSatang: a.requestedSatang ?? 0,
    reviewsAssigned: 5,
    submittedAt: a.submittedAt ?? new Date(0),
  }));
  const pure: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    rankApplications(rubric, inputs, reviews, 5_000_000_00);
    pure.push(performance.now() - t);
  }
  let t0 = performance.now();
  let rows = (await decisionView(data.staff, data.callId)).rows.length;
  const coldMs = Number((performance.now() - t0).toFixed(0));
  const full: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(runs / 4)); i += 1) {
    t0 = performance.now();
    rows = (await decisionView(data.staff, data.callId)).rows.length;
    full.push(performance.now() - t0);
  }
  pure.sort((a, b) => a - b);
  full.sort((a, b) => a - b);
  return {
    coldMs,
    pureP50: percentile(pure, 0.5),
    pureP95: percentile(pure, 0.95),
    fullP50: percentile(full, 0.5),
    fullP95: percentile(full, 0.95),
    rows,
  };
}

/** A logged-in reviewer's session cookie, for load on the reviewer's list page. */
export async function reviewerCookie(base: string, email: string): Promise<string> {
  // The app runs as in production: secure cookies, set only for HTTPS as reported by the proxy.
  const https = { 'x-forwarded-proto': 'https' };
  const page = await fetch(`${base}/login`, { headers: https });
  const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...https, 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password: BENCH_REVIEWER_PASSWORD, _csrf: token }).toString(),
  });
  const session = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (res.status !== 302 || !session) throw new Error(`benchmark reviewer could not log in: ${res.status}`);
  return session;
}
