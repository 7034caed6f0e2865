/**
 * An application's files: added (already stored by the upload step), removed and downloaded, by the
 * applying organisation's members while it is theirs to edit; read by whoever may see the application.
 */
import mongoose from 'mongoose';
import { Application } from './application.model.js';
import { EDITABLE_STATES, type ApplicationState } from './application.workflow.js';
import { getApplication, load, rolesOn, type Loaded } from './application.service.js';
import type { Actor } from '../../shared/actor.js';
import { withLock } from '../../shared/db/lock.js';
import { deleteStoredFile, readStoredFile, type StoredFile } from '../../shared/files.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../shared/errors.js';

export const MAX_ATTACHMENTS = 10;

/** Only the applying organisation's members change its files; strangers are not told it exists. */
function assertApplicantOf(actor: Actor, loaded: Loaded): void {
  const roles = rolesOn(actor, loaded.memberUserIds);
  if (roles.length === 0) throw new NotFoundError('grants.applicationNotFound');
  if (!roles.includes('applicant')) throw new ForbiddenError();
}

/**
 * Whether the actor may write this application now (its form, with any files it carries): asked
 * before the form's body is read. How many files fit is checked when they are attached.
 */
export async function assertMayWrite(actor: Actor, id: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  const loaded = await load(id);
  if (!rolesOn(actor, loaded.memberUserIds).includes('applicant')) {
    // Those who may read it (staff, its reviewers) are refused (403); anyone else is not told it exists (404).
    await getApplication(actor, id);
    throw new ForbiddenError();
  }
  if (!EDITABLE_STATES.includes(loaded.doc.status as ApplicationState)) throw new ConflictError('grants.notEditable');
}

/** Whether the actor may add files now: asked before an upload's body is read (and again under the lock). */
export async function assertMayAttach(actor: Actor, id: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  const loaded = await load(id);
  assertApplicantOf(actor, loaded);
  if (!EDITABLE_STATES.includes(loaded.doc.status as ApplicationState)) throw new ConflictError('grants.notEditable');
  if (loaded.doc.attachments.length >= MAX_ATTACHMENTS)
    throw new ValidationError({ attachments: { key: 'grants.tooManyAttachments', params: { max: MAX_ATTACHMENTS } } });
}

/**
 * Attaches files already stored (and checked for type and size) by the upload step. On a refusal
 * the caller deletes them: the upload step does, for every error of its handler.
 */
export async function addAttachments(actor: Actor, id: string, files: StoredFile[]): Promise<number> {
  if (!actor) throw new UnauthorizedError();
  // Pressing "attach" with no file chosen is not an empty file: it asks for a file.
  if (files.length === 0) throw new ValidationError({ attachments: { key: 'grants.applicant.chooseFile' } });
  return withLock(`application:${id}`, async () => {
    const loaded = await load(id);
    assertApplicantOf(actor, loaded);
    if (!EDITABLE_STATES.includes(loaded.doc.status as ApplicationState)) throw new ConflictError('grants.notEditable');
    if (loaded.doc.attachments.length + files.length > MAX_ATTACHMENTS)
      throw new ValidationError({
        attachments: { key: 'grants.tooManyAttachments', params: { max: MAX_ATTACHMENTS } },
      });
    for (const s of files)
      loaded.doc.attachments.push({
        fileId: new mongoose.Types.ObjectId(s.fileId),
        filename: s.filename,
        contentType: s.contentType,
        size: s.size,
        uploadedBy: new mongoose.Types.ObjectId(actor.id),
      });
    await loaded.doc.save();
    return files.length;
  });
}

export async function removeAttachment(actor: Actor, id: string, attachmentId: string): Promise<void> {
  if (!actor) throw new UnauthorizedError();
  await withLock(`application:${id}`, async () => {
    const loaded = await load(id);
    assertApplicantOf(actor, loaded);
    if (!EDITABLE_STATES.includes(loaded.doc.status as ApplicationState)) throw new ConflictError('grants.notEditable');
    const attachment = loaded.doc.attachments.find((a) => a._id.toString() === attachmentId);
    if (!attachment) throw new NotFoundError();
    // The whole list is written back ($set): FerretDB v1 does not apply mongoose's conditional $pull.
    loaded.doc.set(
      'attachments',
      loaded.doc.attachments.filter((a) => a._id.toString() !== attachmentId),
    );
    await loaded.doc.save();
    await deleteStoredFile(String(attachment.fileId));
  });
}

/** A file of an application, for those who may see the application. */
export async function downloadAttachment(
  actor: Actor,
  id: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  await getApplication(actor, id); // the same rule as seeing the application
  const doc = await Application.findById(id, { attachments: 1 }).lean();
  const attachment = (doc?.attachments ?? []).find((a) => String(a._id) === attachmentId);
  if (!attachment) throw new NotFoundError();
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    content: await readStoredFile(String(attachment.fileId)),
  };
}
