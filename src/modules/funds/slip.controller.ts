/** Transfer slips: the donor sends one with a pledge; staff open it beside the pledge. */
import type { Request, Response } from 'express';
import { attachSlip, slipForStaff } from './pledge-slip.service.js';
import { thanksLocals } from './funds.controller.js';
import { thanksPath } from './donation.links.js';
import { keepUploads, uploadedFiles } from '../../shared/http/upload.js';
import { flash } from '../../shared/http/flash.js';
import { sendFile } from '../../shared/http/send-file.js';
import { ValidationError } from '../../shared/errors.js';

export const slipController = {
  /** After the upload step stored the file (type, size and link already checked). */
  send: async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const [file] = uploadedFiles(req);
    if (!file) throw new ValidationError({ slip: { key: 'donations.slipMissing' } });
    await attachSlip(req.user, id, req.query.token, file);
    keepUploads(req);
    flash(req, { type: 'success', key: 'donations.slipReceived' });
    res.redirect(303, thanksPath(id));
  },

  /** The thank-you page again, with the slip field's message (a refused file, none chosen). */
  formAgain: async (req: Request, res: Response) => {
    res.locals.formView = 'funds/thanks';
    Object.assign(res.locals, await thanksLocals(String(req.params.id)));
  },

  staffView: async (req: Request, res: Response) => {
    sendFile(res, await slipForStaff(req.user, String(req.params.id), String(req.params.fileId)));
  },
};
