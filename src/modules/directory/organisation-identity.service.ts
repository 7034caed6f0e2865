/**
 * The record of identity edits: written by every organisation update that changes a name,
 * registration or contact, read by staff (only) on the organisation's page.
 */
import mongoose from 'mongoose';
import { OrganisationIdentityChange } from './organisation-identity.model.js';
import type { IdentityChange } from './organisation.identity.js';
import { hasRole } from '../../shared/actor.js';
import { logger } from '../../shared/logger.js';

const log = logger.child({ module: 'organisation-identity' });

export interface IdentityEdit {
  orgId: string;
  actor: { id: string; name?: string; byStaff: boolean };
  changes: IdentityChange[];
  clearedVerification: boolean;
  at?: Date;
}

export async function recordIdentityEdit(edit: IdentityEdit): Promise<void> {
  if (edit.changes.length === 0) return;
  await OrganisationIdentityChange.create({
    orgId: new mongoose.Types.ObjectId(edit.orgId),
    actorId: new mongoose.Types.ObjectId(edit.actor.id),
    actorName: edit.actor.name ?? '',
    byStaff: edit.actor.byStaff,
    at: edit.at ?? new Date(),
    changes: edit.changes,
    clearedVerification: edit.clearedVerification,
  });
  log.info(
    {
      orgId: edit.orgId,
      actorId: edit.actor.id,
      fields: edit.changes.map((c) => c.field),
      clearedVerification: edit.clearedVerification,
    },
    'organisation identity changed',
  );
}

export interface IdentityEditView {
  at: Date;
  actorName: string;
  byStaff: boolean;
  clearedVerification: boolean;
  changes: IdentityChange[];
}

/** Newest first, at most `limit`; staff only (others get nothing: the values include private contacts). */
export async function identityEditsOf(
  actor: { roles: readonly string[] } | undefined,
  orgId: string,
  limit = 20,
): Promise<IdentityEditView[] | null> {
  if (!hasRole(actor, 'staff', 'admin') || !mongoose.isValidObjectId(orgId)) return null;
  const rows = await OrganisationIdentityChange.find({ orgId: new mongoose.Types.ObjectId(orgId) })
    .sort({ at: -1, _id: -1 })
    .limit(limit)
    .lean();
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actorName ?? '',
    byStaff: r.byStaff === true,
    clearedVerification: r.clearedVerification === true,
    changes: (r.changes ?? []).map((c) => ({
      field: c.field as IdentityChange['field'],
      before: c.before ?? '',
      after: c.after ?? '',
    })),
  }));
}
