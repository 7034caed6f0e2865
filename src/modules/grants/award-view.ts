/** An award as its pages read it: plain values, with what has been paid and which reports are overdue. */
import type { AwardDoc } from './award.model.js';

export interface AwardView {
  id: string;
  applicationId: string;
  callId: string;
  fundId: string;
  orgId: string;
  amountSatang: number;
  paidSatang: number;
  conditions: string;
  awardedAt: Date;
  tranches: { number: number; amountSatang: number; status: string; paidAt: Date | null; reference: string }[];
  reports: {
    id: string;
    kind: string;
    unlocksTranche: number | null;
    dueAt: Date;
    status: string;
    overdue: boolean;
    narrative: string;
    spending: { line: number; spentSatang: number }[];
    indicators: { result: number; value: string }[];
    photos: { id: string; filename: string }[];
    staffComment: string;
    submittedAt: Date | null;
  }[];
}

export function toAwardView(award: AwardDoc, now = new Date()): AwardView {
  return {
    id: award._id.toString(),
    applicationId: String(award.applicationId),
    callId: String(award.callId),
    fundId: String(award.fundId),
    orgId: String(award.orgId),
    amountSatang: award.amountSatang,
    paidSatang: award.tranches.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountSatang, 0),
    conditions: award.conditions ?? '',
    awardedAt: award.awardedAt,
    tranches: award.tranches.map((t) => ({
      number: t.number,
      amountSatang: t.amountSatang,
      status: t.status,
      paidAt: t.paidAt ?? null,
      reference: t.reference ?? '',
    })),
    reports: award.reports.map((r) => ({
      id: r._id.toString(),
      kind: r.kind,
      unlocksTranche: r.unlocksTranche ?? null,
      dueAt: r.dueAt,
      status: r.status,
      overdue: (r.status === 'due' || r.status === 'returned') && r.dueAt.getTime() < now.getTime(),
      narrative: r.narrative ?? '',
      spending: r.spending.map((s) => ({ line: s.line, spentSatang: s.spentSatang })),
      indicators: r.indicators.map((i) => ({ result: i.result, value: i.value ?? '' })),
      photos: r.photos.map((p) => ({ id: p._id.toString(), filename: p.filename ?? '' })),
      staffComment: r.staffComment ?? '',
      submittedAt: r.submittedAt ?? null,
    })),
  };
}
